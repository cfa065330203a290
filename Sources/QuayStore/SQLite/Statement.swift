import CSQLite

public enum SQLValue: Sendable, Equatable {
    case int(Int64)
    case double(Double)
    case text(String)
    case null

    public static func opt(_ s: String?) -> SQLValue { s.map { .text($0) } ?? .null }
    public static func opt(_ d: Double?) -> SQLValue { d.map { .double($0) } ?? .null }
}

private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)

/// A prepared statement. Use through `Database.statement(_:)`, which caches and resets it.
public final class Statement {
    let handle: OpaquePointer
    unowned let db: Database
    let sql: String

    init(db: Database, sql: String) throws(SQLiteError) {
        var h: OpaquePointer?
        let rc = sqlite3_prepare_v2(db.handle, sql, -1, &h, nil)
        guard rc == SQLITE_OK, let h else { throw db.error(rc, sql) }
        handle = h
        self.db = db
        self.sql = sql
    }

    deinit { sqlite3_finalize(handle) }

    func reset() {
        sqlite3_reset(handle)
        sqlite3_clear_bindings(handle)
    }

    public func bind(_ values: [SQLValue]) throws(SQLiteError) {
        for (i, v) in values.enumerated() {
            let idx = Int32(i + 1)
            let rc: Int32
            switch v {
            case .int(let x): rc = sqlite3_bind_int64(handle, idx, x)
            case .double(let x): rc = sqlite3_bind_double(handle, idx, x)
            // The UTF-8 byte count, not -1: an embedded NUL must not cut the value short.
            case .text(let s): rc = s.withCString { sqlite3_bind_text(handle, idx, $0, Int32(s.utf8.count), SQLITE_TRANSIENT) }
            case .null: rc = sqlite3_bind_null(handle, idx)
            }
            if rc != SQLITE_OK { throw db.error(rc, sql) }
        }
    }

    /// Advances; true when a row is available.
    public func step() throws(SQLiteError) -> Bool {
        let rc = sqlite3_step(handle)
        switch rc {
        case SQLITE_ROW: return true
        case SQLITE_DONE: return false
        default:
            let e = db.error(rc, sql)
            sqlite3_reset(handle)
            throw e
        }
    }

    public func isNull(_ col: Int32) -> Bool { sqlite3_column_type(handle, col) == SQLITE_NULL }
    public func int(_ col: Int32) -> Int64 { sqlite3_column_int64(handle, col) }
    public func double(_ col: Int32) -> Double { sqlite3_column_double(handle, col) }
    public func text(_ col: Int32) -> String {
        // sqlite3_column_bytes after sqlite3_column_text: the whole value, embedded NULs included.
        guard let p = sqlite3_column_text(handle, col) else { return "" }
        let n = Int(sqlite3_column_bytes(handle, col))
        return String(decoding: UnsafeBufferPointer(start: p, count: n), as: UTF8.self)
    }
    public func optText(_ col: Int32) -> String? { isNull(col) ? nil : text(col) }
    public func optDouble(_ col: Int32) -> Double? { isNull(col) ? nil : double(col) }
}
