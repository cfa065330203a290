import Logging
import QuayCore

/// One page of a center's feed as `POST /sync/v1/pull` returns it (docs/sync.md, "Transport").
public struct PulledPage: Sendable {
    public var records: [(position: Int64, record: FeedRecord)]
    public var head: Int64
    public var more: Bool

    public init(records: [(position: Int64, record: FeedRecord)], head: Int64, more: Bool) {
        (self.records, self.head, self.more) = (records, head, more)
    }
}

/// Pulls centers' feeds into the province database: from each center's checkpoint, page after page until the
/// center says there is no more, each page ingested with its checkpoint in one transaction (a crash between
/// pages re-pulls at most one page, which then changes nothing).
public struct ProvincePuller: Sendable {
    /// Fetches one page of `center`'s feed after `after`, at most `limit` records (the sync client).
    public typealias Fetch = @Sendable (_ center: ProvinceCenter, _ after: Int64, _ limit: Int) async throws -> PulledPage

    let db: ProvinceDatabase
    let limit: Int
    let fetch: Fetch
    /// Pages per center and round, so one center with a long backlog cannot starve the others.
    let maxPagesPerRound: Int

    public init(db: ProvinceDatabase, limit: Int, maxPagesPerRound: Int = 50, fetch: @escaping Fetch) {
        (self.db, self.limit, self.maxPagesPerRound, self.fetch) = (db, min(limit, ProvinceDatabase.maxBatch), maxPagesPerRound, fetch)
    }

    /// Pulls `center` until caught up (or `maxPagesPerRound` pages); returns the records new to the province.
    public func pull(_ center: ProvinceCenter) async throws -> Int {
        var after = try await db.checkpoint(center: center.site)
        var inserted = 0
        for _ in 0..<maxPagesPerRound {
            let page = try await fetch(center, after, limit)
            guard page.records.count <= limit else {
                throw ProvinceError.invalidRecord("\(center.site) sent \(page.records.count) records for a limit of \(limit)")
            }
            guard let last = page.records.map(\.position).max() else { break }
            guard last > after else { throw ProvinceError.invalidRecord("\(center.site) sent positions not after \(after)") }
            let r = try await db.ingest(page.records.map(\.record), center: center.site, checkpoint: last)
            inserted += r.inserted
            after = last
            if !page.more { break }
        }
        return inserted
    }

    /// One round over every center with a url; a failing center is logged and the others still pulled.
    public func round(_ centers: [ProvinceCenter], logger: Logger) async -> Int {
        var total = 0
        for c in centers where c.url != nil {
            do {
                let n = try await pull(c)
                total += n
                if n > 0 { logger.info("pulled \(n) new records from \(c.site)") }
            } catch {
                logger.warning("pull from \(c.site) failed: \(error)")
            }
        }
        return total
    }
}
