import CSQLite

/// A SQLite connection. Not thread-safe: one thread (the ledger's writer) owns it.
public final class Database {
    let handle: OpaquePointer
    public let path: String
    private var cache: [String: Statement] = [:]

    /// Opens (creating if needed) with WAL, synchronous=FULL, a busy timeout and foreign keys.
    public init(path: String, readOnly: Bool = false) throws(SQLiteError) {
        var h: OpaquePointer?
        // NOFOLLOW: a quay.sqlite that is a symlink is refused (SQLITE_CANTOPEN_SYMLINK), never followed.
        let flags =
            (readOnly ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE)) | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_NOFOLLOW
        let rc = sqlite3_open_v2(path, &h, flags, nil)
        guard rc == SQLITE_OK, let h else {
            let msg = h.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            let code = h.map { sqlite3_extended_errcode($0) } ?? rc
            let sysErrno = h.map { sqlite3_system_errno($0) } ?? 0
            if let h { sqlite3_close_v2(h) }
            throw SQLiteError(code: code != 0 ? code : rc, message: msg, systemErrno: sysErrno)
        }
        handle = h
        self.path = path
        sqlite3_extended_result_codes(h, 1)
        sqlite3_busy_timeout(h, 5000)
        do {
            // A file that is not a database fails here, before anything is written.
            _ = try scalarInt("PRAGMA schema_version")
            if !readOnly && !isReadOnly {
                try exec("PRAGMA journal_mode=WAL")
            }
            try exec("PRAGMA synchronous=FULL")
            try exec("PRAGMA foreign_keys=ON")
        } catch {
            cache = [:]
            sqlite3_close_v2(h)
            throw error
        }
    }

    deinit {
        cache = [:]
        sqlite3_close_v2(handle)
    }

    /// True when SQLite opened the file read-only (e.g. no write permission).
    public var isReadOnly: Bool { sqlite3_db_readonly(handle, "main") == 1 }

    public func exec(_ sql: String) throws(SQLiteError) {
        var err: UnsafeMutablePointer<CChar>?
        let rc = sqlite3_exec(handle, sql, nil, nil, &err)
        if rc != SQLITE_OK {
            let msg = err.map { String(cString: $0) } ?? String(cString: sqlite3_errmsg(handle))
            sqlite3_free(err)
            throw SQLiteError(code: sqlite3_extended_errcode(handle), message: msg, sql: sql, systemErrno: sqlite3_system_errno(handle))
        }
    }

    /// A cached prepared statement, reset and with bindings cleared.
    public func statement(_ sql: String) throws(SQLiteError) -> Statement {
        if let s = cache[sql] {
            s.reset()
            return s
        }
        let s = try Statement(db: self, sql: sql)
        cache[sql] = s
        return s
    }

    public func scalarInt(_ sql: String, _ args: [SQLValue] = []) throws(SQLiteError) -> Int64? {
        let s = try statement(sql)
        try s.bind(args)
        defer { s.reset() }
        guard try s.step() else { return nil }
        return s.isNull(0) ? nil : s.int(0)
    }

    public func run(_ sql: String, _ args: [SQLValue] = []) throws(SQLiteError) {
        let s = try statement(sql)
        defer { s.reset() }
        try s.bind(args)
        while try s.step() {}
    }

    /// Rows changed by the last INSERT, UPDATE or DELETE.
    public var changes: Int { Int(sqlite3_changes(handle)) }

    func error(_ rc: Int32, _ sql: String?) -> SQLiteError {
        SQLiteError(
            code: sqlite3_extended_errcode(handle) != 0 ? sqlite3_extended_errcode(handle) : rc,
            message: String(cString: sqlite3_errmsg(handle)), sql: sql, systemErrno: sqlite3_system_errno(handle))
    }

    /// PRAGMA max_page_count: caps the database size; writes beyond it fail with SQLITE_FULL.
    public func setMaxPageCount(_ pages: Int) throws(SQLiteError) {
        try exec("PRAGMA max_page_count=\(pages)")
    }
}
