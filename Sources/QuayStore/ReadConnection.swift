import Foundation
import QuaySystem

/// A read-only connection to the ledger's database for reads that grow with data (history, dossier statistics,
/// reports), so that a long read never holds the writer thread. An actor pinned to its own thread
/// (`DedicatedThreadExecutor`, the way every blocking call in quayd is made), never on the cooperative pool.
/// WAL lets it read while the writer commits; each `read` sees one consistent snapshot that includes every
/// transaction committed before it started, hence everything acknowledged to a client before the request that
/// asked for it.
public actor ReadConnection {
    public let path: String
    private let executor = DedicatedThreadExecutor(name: "quay-reader")
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }
    /// Opened on first use.
    private var db: Database?

    public init(path: String) { self.path = path }

    public func read<T: Sendable>(_ body: @Sendable (Database) throws -> T) throws -> T {
        do {
            let db: Database
            if let d = self.db {
                db = d
            } else {
                db = try Database(path: path, readOnly: true)
                try db.exec("PRAGMA query_only=1")
                self.db = db
            }
            try db.exec("BEGIN")
            defer { try? db.exec("COMMIT") }
            return try body(db)
        } catch let e as SQLiteError {
            throw StoreError.sqlite(e)
        }
    }
}
