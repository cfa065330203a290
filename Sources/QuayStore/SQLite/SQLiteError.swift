import CSQLite

/// A failed SQLite call, classified so callers can give clients a precise reason.
public struct SQLiteError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: String, Sendable {
        /// The disk (or the configured size cap) is full: SQLITE_FULL.
        case full
        /// The database file or its directory is not writable: SQLITE_READONLY / SQLITE_CANTOPEN on write.
        case readOnly
        /// The file is not a database or is damaged: SQLITE_CORRUPT / SQLITE_NOTADB.
        case corrupt
        /// Another process holds the lock longer than the busy timeout.
        case busy
        /// An I/O error from the operating system: SQLITE_IOERR.
        case io
        case constraint
        case cantOpen
        case other
    }

    public let code: Int32
    public let message: String
    public let sql: String?

    public init(code: Int32, message: String, sql: String? = nil) {
        self.code = code
        self.message = message
        self.sql = sql
    }

    public var kind: Kind {
        switch code & 0xFF {
        case SQLITE_FULL: .full
        case SQLITE_READONLY: .readOnly
        case SQLITE_CORRUPT, SQLITE_NOTADB: .corrupt
        case SQLITE_BUSY, SQLITE_LOCKED: .busy
        case SQLITE_IOERR: .io
        case SQLITE_CONSTRAINT: .constraint
        case SQLITE_CANTOPEN: .cantOpen
        default: .other
        }
    }

    public var description: String {
        "sqlite error \(code) (\(kind.rawValue)): \(message)" + (sql.map { " in `\($0.prefix(80))`" } ?? "")
    }
}
