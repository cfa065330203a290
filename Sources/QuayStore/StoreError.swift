/// Why the store could not do what was asked. `code` is the wire error code (docs/protocol.md).
public enum StoreError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The database could not be written or read; nothing of this request was stored.
    case sqlite(SQLiteError)
    /// The store is not open (corrupt file, unreadable directory); the reason says why.
    case unavailable(String)
    /// The daemon is shutting down.
    case closed

    public var code: String {
        switch self {
        case .sqlite(let e):
            switch e.kind {
            case .full: "store-full"
            case .readOnly, .cantOpen: "store-read-only"
            case .corrupt: "store-corrupt"
            case .busy: "store-busy"
            case .symlink: "store-unavailable"
            default: "store-error"
            }
        case .unavailable: "store-unavailable"
        case .closed: "shutting-down"
        }
    }

    public var description: String {
        switch self {
        case .sqlite(let e):
            switch e.kind {
            case .full: "the disk holding the database is full; nothing was stored (\(e.message))"
            case .readOnly, .cantOpen: "the database is read-only; nothing was stored (\(e.message))"
            case .corrupt: "the database file is damaged (\(e.message))"
            case .symlink: "the database path is a symbolic link; quayd refuses to follow it (\(e.message))"
            default: "database error: \(e)"
            }
        case .unavailable(let why): "the database is not available: \(why)"
        case .closed: "quayd is shutting down"
        }
    }
}
