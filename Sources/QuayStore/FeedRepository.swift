import Foundation
import QuayCore

/// SQL of the change feed (table `feed`, migration 8; docs/sync.md). Own rows are appended by the writer in the
/// transaction of the change; foreign rows are stored once per `(origin, seq)`. Bodies are the `FeedRecord` JSON
/// (sorted keys), exactly what travels.
public struct FeedRepository {
    public let db: Database

    public init(db: Database) { self.db = db }

    static func encode(_ r: FeedRecord) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        // FeedRecord holds strings, numbers and dates as numbers: encoding cannot fail.
        return String(decoding: (try? e.encode(r)) ?? Data(), as: UTF8.self)
    }

    /// Appends an own change: `origin = site`, the next own sequence. Call inside the change's transaction.
    @discardableResult
    public func appendOwn(site: String, at: Double, body: FeedBody) throws(SQLiteError) -> FeedRecord {
        let seq = (try db.scalarInt("SELECT max(seq) FROM feed WHERE origin = ?1", [.text(site)]) ?? 0) + 1
        let r = FeedRecord(origin: site, seq: seq, at: at, body: body)
        try insert(r)
        return r
    }

    /// Stores a record from elsewhere unless `(origin, seq)` is stored already; true when it was new.
    public func insertForeign(_ r: FeedRecord) throws(SQLiteError) -> Bool {
        try db.run(
            "INSERT OR IGNORE INTO feed(origin, seq, at, kind, body) VALUES(?1, ?2, ?3, ?4, ?5)",
            [.text(r.origin), .int(r.seq), .double(r.at), .text(r.body.kind), .text(Self.encode(r))])
        return db.changes > 0
    }

    private func insert(_ r: FeedRecord) throws(SQLiteError) {
        try db.run(
            "INSERT INTO feed(origin, seq, at, kind, body) VALUES(?1, ?2, ?3, ?4, ?5)",
            [.text(r.origin), .int(r.seq), .double(r.at), .text(r.body.kind), .text(Self.encode(r))])
    }

    /// Rows after `position` in order, at most `limit` and about `maxBytes` of bodies (at least one row), leaving
    /// out those whose origin is `excluding`; with `dossiersOf`, only dossier records of dossiers received at that
    /// site (what a point is served). `more`: rows are left after the last one returned.
    public func entries(after position: Int64, limit: Int, maxBytes: Int, excluding: String?, dossiersOf: String? = nil)
        throws(SQLiteError) -> (entries: [FeedEntry], bytes: Int, more: Bool)
    {
        let s = try db.statement(
            """
            SELECT position, body FROM feed WHERE position > ?1 AND origin IS NOT ?2
              AND (?4 IS NULL OR (\(Self.dossierFilter.replacingOccurrences(of: "?3", with: "?4"))))
            ORDER BY position LIMIT ?3
            """)
        defer { s.reset() }
        try s.bind([.int(position), .opt(excluding), .int(Int64(limit) + 1), .opt(dossiersOf)])
        var out: [FeedEntry] = []
        var bytes = 0
        let d = JSONDecoder()
        while try s.step() {
            let body = s.text(1)
            if out.count == limit || (!out.isEmpty && bytes + body.utf8.count > maxBytes) { return (out, bytes, true) }
            guard let r = try? d.decode(FeedRecord.self, from: Data(body.utf8)) else {
                throw SQLiteError(code: 11, message: "feed row \(s.int(0)) does not decode", sql: nil)
            }
            bytes += body.utf8.count
            out.append(FeedEntry(position: s.int(0), record: r))
        }
        return (out, bytes, false)
    }

    /// The last position of the feed (0 when empty).
    public func head() throws(SQLiteError) -> Int64 { try db.scalarInt("SELECT max(position) FROM feed") ?? 0 }

    /// Rows after `position` whose origin is not `excluding` (a peer's backlog), filtered as `entries` filters them.
    public func count(after position: Int64, excluding: String?, dossiersOf: String? = nil) throws(SQLiteError) -> Int64 {
        try db.scalarInt(
            "SELECT count(*) FROM feed WHERE position > ?1 AND origin IS NOT ?2 AND (?3 IS NULL OR (\(Self.dossierFilter)))",
            [.int(position), .opt(excluding), .opt(dossiersOf)]) ?? 0
    }

    /// The records of dossiers received at the site bound to ?3 (or ?4 in `entries`).
    static let dossierFilter = "kind = 'dossier' AND json_extract(body, '$.body.dossier._0.dossier.receivedSite') = ?3"

    /// The records of one origin in seq order (tests and the province check gaps with it).
    public func records(origin: String) throws(SQLiteError) -> [FeedRecord] {
        let s = try db.statement("SELECT body FROM feed WHERE origin = ?1 ORDER BY seq")
        defer { s.reset() }
        try s.bind([.text(origin)])
        var out: [FeedRecord] = []
        while try s.step() {
            if let r = try? JSONDecoder().decode(FeedRecord.self, from: Data(s.text(0).utf8)) { out.append(r) }
        }
        return out
    }
}
