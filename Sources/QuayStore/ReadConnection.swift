import Foundation

/// A read-only connection to the ledger's database, used on its own serial queue for reports (dossier
/// statistics) so that a long read never holds the writer thread. WAL lets it read while the writer commits;
/// each `read` sees one consistent snapshot that includes every transaction committed before it started,
/// hence everything acknowledged to a client before the request that asked for it.
public final class ReadConnection: @unchecked Sendable {
    public let path: String
    private let queue = DispatchQueue(label: "quay-reader")
    /// Opened on first use; only touched on `queue`.
    private var db: Database?

    public init(path: String) { self.path = path }

    public func read<T: Sendable>(_ body: @escaping @Sendable (Database) throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (cont: CheckedContinuation<T, Error>) in
            queue.async {
                do {
                    let db: Database
                    if let d = self.db {
                        db = d
                    } else {
                        db = try Database(path: self.path, readOnly: true)
                        try db.exec("PRAGMA query_only=1")
                        self.db = db
                    }
                    try db.exec("BEGIN")
                    defer { try? db.exec("COMMIT") }
                    cont.resume(returning: try body(db))
                } catch let e as SQLiteError {
                    cont.resume(throwing: StoreError.sqlite(e))
                } catch {
                    cont.resume(throwing: error)
                }
            }
        }
    }
}
