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
        /// The database path is a symbolic link (SQLITE_CANTOPEN_SYMLINK): refused, never followed.
        case symlink
        case other
    }

    public let code: Int32
    public let message: String
    public let sql: String?
    /// The operating system's errno behind the failure (sqlite3_system_errno), 0 when none.
    public let systemErrno: Int32

    public init(code: Int32, message: String, sql: String? = nil, systemErrno: Int32 = 0) {
        self.code = code
        self.message = message
        self.sql = sql
        self.systemErrno = systemErrno
    }

    /// EROFS (Linux): the filesystem is mounted read-only.
    public static let erofs: Int32 = 30
    /// SQLITE_CANTOPEN_SYMLINK: SQLITE_CANTOPEN | (6 << 8).
    static let cantOpenSymlink: Int32 = 1550

    public var kind: Kind {
        if code == Self.cantOpenSymlink { return .symlink }
        // A read-only filesystem surfaces as an I/O error (or cannot-open) whose errno is EROFS.
        if systemErrno == Self.erofs, [SQLITE_IOERR, SQLITE_CANTOPEN, SQLITE_READONLY].contains(code & 0xFF) { return .readOnly }
        return switch code & 0xFF {
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
        "sqlite error \(code) (\(kind.rawValue)): \(message)" + (systemErrno != 0 ? " (errno \(systemErrno))" : "")
            + (sql.map { " in `\($0.prefix(80))`" } ?? "")
    }
}
