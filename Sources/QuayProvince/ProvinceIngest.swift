import Foundation
import PostgresNIO
import QuayCore

/// What one ingested batch did.
public struct IngestResult: Sendable, Equatable {
    /// Records in the batch.
    public var received = 0
    /// Records new to the province (the rest were already in `feed`).
    public var inserted = 0
    public var duplicates: Int { received - inserted }
    /// Dossiers inserted or moved forward by the batch.
    public var dossiersChanged = 0
    /// Queue days inserted or replaced by the batch.
    public var queueDaysChanged = 0

    public init() {}
}

extension ProvinceDatabase {
    /// Most records one `ingest` call takes (a pull page is smaller; the bench uses whole batches).
    public static let maxBatch = 5000
    /// Longest site id or dossier id accepted (a `SiteID` is far shorter).
    static let maxIDLength = 128

    /// Ingests a batch of feed records pulled from `center`, in one transaction: the records new to `feed`
    /// (`ON CONFLICT DO NOTHING`) and only those are applied to the current-state tables, and the center's
    /// checkpoint moves to `checkpoint` in the same transaction. Re-ingesting a batch changes nothing.
    @discardableResult
    public func ingest(_ records: [FeedRecord], center: String, checkpoint: Int64? = nil) async throws -> IngestResult {
        guard records.count <= Self.maxBatch else { throw ProvinceError.batchTooLarge(records.count, max: Self.maxBatch) }
        try Self.check(id: center, "center")
        var seen = Set<FeedKey>(), batch: [FeedRecord] = []
        batch.reserveCapacity(records.count)
        for r in records {
            try Self.check(id: r.origin, "origin")
            guard r.seq >= 1 else { throw ProvinceError.invalidRecord("\(r.origin): seq \(r.seq) is not positive") }
            try Self.check(body: r.body)
            if seen.insert(FeedKey(origin: r.origin, seq: r.seq)).inserted { batch.append(r) }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let bodies = try batch.map { String(decoding: try encoder.encode($0), as: UTF8.self) }
        var result = IngestResult()
        result.received = records.count
        let (logger, batchRef) = (self.logger, batch)
        return try await client.withTransaction(logger: logger) { conn in
            var r = result
            let fresh = try await Self.insertFeed(conn, batchRef, bodies: bodies, center: center, logger: logger)
            r.inserted = fresh.count
            r.dossiersChanged = try await Self.applyDossiers(conn, fresh, center: center, logger: logger)
            r.queueDaysChanged = try await Self.applyQueueDays(conn, fresh, center: center, logger: logger)
            if let checkpoint {
                try await conn.query(
                    """
                    INSERT INTO checkpoints (center, position, updated_at) VALUES (\(center), \(checkpoint), now())
                    ON CONFLICT (center) DO UPDATE SET position = greatest(checkpoints.position, excluded.position), updated_at = now()
                    """, logger: logger)
            }
            return r
        }
    }

    /// Bounds of one record's body, checked for the whole batch before anything is written.
    static func check(body: FeedBody) throws {
        switch body {
        case .dossier(let c):
            try check(id: c.dossier.id, "dossier id")
            try check(id: c.dossier.receivedSite, "dossier site")
            guard c.dossier.procedure.utf8.count <= 200, (c.dossier.service?.utf8.count ?? 0) <= maxIDLength else {
                throw ProvinceError.invalidRecord("\(c.dossier.id): procedure or service too long")
            }
        case .queueDay(let q):
            try check(id: q.site, "queue-day site")
            guard q.arrivalsByHour.count == 24 else { throw ProvinceError.invalidRecord("\(q.site) \(q.day): arrivals need 24 hours") }
            guard q.services.count <= 200 else { throw ProvinceError.invalidRecord("\(q.site) \(q.day): too many services") }
            for f in q.services { try check(id: f.id, "service id") }
        }
    }

    static func check(id: String, _ what: String) throws {
        guard !id.isEmpty, id.utf8.count <= maxIDLength else {
            throw ProvinceError.invalidRecord("\(what) '\(id.prefix(40))' is empty or too long")
        }
    }

    /// Inserts the batch into `feed`; returns the records that were not there before.
    static func insertFeed(_ conn: PostgresConnection, _ batch: [FeedRecord], bodies: [String], center: String, logger: Logger)
        async throws -> [FeedRecord]
    {
        let origins = batch.map(\.origin), seqs = batch.map(\.seq), ats = batch.map(\.at)
        let kinds = batch.map { r -> String in
            switch r.body {
            case .dossier: "dossier"
            case .queueDay: "queue-day"
            }
        }
        let rows = try await conn.query(
            """
            INSERT INTO feed (origin, seq, kind, at, center, body)
            SELECT u.o, u.s, u.k, u.a, \(center), u.b::jsonb
            FROM unnest(\(origins)::text[], \(seqs)::int8[], \(kinds)::text[], \(ats)::float8[], \(bodies)::text[]) AS u(o, s, k, a, b)
            ON CONFLICT (origin, seq) DO NOTHING
            RETURNING origin, seq
            """, logger: logger)
        var inserted = Set<FeedKey>()
        for try await (o, s) in rows.decode((String, Int64).self) { inserted.insert(FeedKey(origin: o, seq: s)) }
        return batch.filter { inserted.contains(FeedKey(origin: $0.origin, seq: $0.seq)) }
    }

    /// Applies the dossier changes: per dossier the winner of the batch by the merge rule, then an upsert that
    /// replaces the stored state only when the winner ranks higher or changed later. Returns rows changed.
    static func applyDossiers(_ conn: PostgresConnection, _ fresh: [FeedRecord], center: String, logger: Logger) async throws -> Int {
        var winners: [String: (Dossier, FeedRecord)] = [:]
        for r in fresh {
            guard case .dossier(let change) = r.body else { continue }
            let d = change.dossier
            if let cur = winners[d.id], !DossierMergeOrder.wins(d, over: cur.0) { continue }
            winners[d.id] = (d, r)
        }
        guard !winners.isEmpty else { return 0 }
        let all = Array(winners.values)
        let off = vietnamUTCOffsetSeconds
        func day(_ t: Double) -> String { LocalDate(epochSeconds: t, utcOffsetSeconds: off).iso }
        let ids = all.map(\.0.id), sites = all.map(\.0.receivedSite), services = all.map { $0.0.service ?? "" }
        let procedures = all.map(\.0.procedure), received = all.map { day($0.0.receivedAt) }
        let appointments = all.map(\.0.appointmentDate.iso), statuses = all.map(\.0.status.rawValue)
        let ranks = all.map { Int64(DossierMergeOrder.rank($0.0.status)) }, changed = all.map(\.0.statusChangedAt)
        let returned = all.map { $0.0.status.countsAsReturned ? $0.0.returnedAt.map(day) ?? day($0.0.statusChangedAt) : "" }
        let revisions = all.map { Int64($0.0.revision) }, origins = all.map(\.1.origin), seqs = all.map(\.1.seq)
        let rows = try await conn.query(
            """
            INSERT INTO dossiers (id, center, received_site, service, procedure, received_day, appointment_day, status, rank,
                                  status_changed_at, returned_day, revision, origin, seq)
            SELECT u.id, \(center), u.rs, nullif(u.sv, ''), u.pr, u.rd::date, u.ad::date, u.st, u.rk, u.ch, nullif(u.ret, '')::date,
                   u.rev, u.o, u.s
            FROM unnest(\(ids)::text[], \(sites)::text[], \(services)::text[], \(procedures)::text[], \(received)::text[],
                        \(appointments)::text[], \(statuses)::text[], \(ranks)::int8[], \(changed)::float8[], \(returned)::text[],
                        \(revisions)::int8[], \(origins)::text[], \(seqs)::int8[])
                 AS u(id, rs, sv, pr, rd, ad, st, rk, ch, ret, rev, o, s)
            ON CONFLICT (id) DO UPDATE SET status = excluded.status, rank = excluded.rank,
                status_changed_at = excluded.status_changed_at, returned_day = excluded.returned_day,
                revision = excluded.revision, origin = excluded.origin, seq = excluded.seq,
                appointment_day = excluded.appointment_day, service = excluded.service
            WHERE excluded.rank > dossiers.rank
               OR (excluded.rank = dossiers.rank AND excluded.status_changed_at > dossiers.status_changed_at)
               OR (excluded.rank = dossiers.rank AND excluded.status_changed_at = dossiers.status_changed_at
                   AND excluded.status COLLATE "C" > dossiers.status COLLATE "C")
            RETURNING 1
            """, logger: logger)
        var n = 0
        for try await _ in rows { n += 1 }
        return n
    }

    /// Applies queue-day summaries: per (site, day) the batch's highest seq; it replaces a stored day from another
    /// record of the same origin only when its seq is higher, and the day's service rows with it.
    static func applyQueueDays(_ conn: PostgresConnection, _ fresh: [FeedRecord], center: String, logger: Logger) async throws -> Int {
        var latest: [DayKey: (QueueDaySummary, FeedRecord)] = [:]
        for r in fresh {
            guard case .queueDay(let q) = r.body else { continue }
            let key = DayKey(site: q.site, day: q.day.iso)
            if let cur = latest[key], cur.1.seq >= r.seq { continue }
            latest[key] = (q, r)
        }
        guard !latest.isEmpty else { return 0 }
        let days = latest.values.map { q, r in
            var row = QueueFigureRow(site: q.site, day: q.day, q.total)
            (row.center, row.origin, row.seq, row.arrivals) = (center, r.origin, r.seq, q.arrivalsByHour)
            return row
        }
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        let daysJSON = String(decoding: try encoder.encode(days), as: UTF8.self)
        let cols = QueueFigureRow.figureColumns, names = QueueFigureRow.figureNames
        let updates = names.split(separator: ",").map { c in
            let n = c.trimmingCharacters(in: .whitespacesAndNewlines)
            return "\(n) = excluded.\(n)"
        }.joined(separator: ", ")
        let changed = try await conn.query(
            PostgresQuery(
                unsafeSQL: """
                    INSERT INTO queue_days (site, day, center, origin, seq, \(names), arrivals)
                    SELECT site, day, center, origin, seq, \(names), arrivals
                    FROM jsonb_to_recordset($1::jsonb)
                         AS x(site text, day date, center text, origin text, seq int8, \(cols), arrivals int[])
                    ON CONFLICT (site, day) DO UPDATE SET center = excluded.center, origin = excluded.origin, seq = excluded.seq,
                        arrivals = excluded.arrivals, \(updates)
                    WHERE excluded.origin <> queue_days.origin OR excluded.seq > queue_days.seq
                    RETURNING site, day::text
                    """, binds: try Self.texts([daysJSON])), logger: logger)
        var keys = Set<DayKey>()
        for try await (s, d) in changed.decode((String, String).self) { keys.insert(DayKey(site: s, day: d)) }
        guard !keys.isEmpty else { return 0 }
        var services: [QueueFigureRow] = []
        for (key, (q, _)) in latest where keys.contains(key) {
            for f in q.services {
                var row = QueueFigureRow(site: q.site, day: q.day, f)
                (row.service, row.name) = (f.id, f.name)
                services.append(row)
            }
        }
        let sites = keys.map(\.site), dayKeys = keys.map(\.day)
        try await conn.query(
            """
            DELETE FROM queue_day_services q USING unnest(\(sites)::text[], \(dayKeys)::text[]) AS u(s, d)
            WHERE q.site = u.s AND q.day = u.d::date
            """, logger: logger)
        if !services.isEmpty {
            let json = String(decoding: try encoder.encode(services), as: UTF8.self)
            try await conn.query(
                PostgresQuery(
                    unsafeSQL: """
                        INSERT INTO queue_day_services (site, day, service, name, \(names))
                        SELECT site, day, service, name, \(names)
                        FROM jsonb_to_recordset($1::jsonb) AS x(site text, day date, service text, name text, \(cols))
                        """, binds: try Self.texts([json])), logger: logger)
        }
        return keys.count
    }
}

/// A feed record's name everywhere: its origin and sequence.
struct FeedKey: Hashable {
    var origin: String
    var seq: Int64
}

/// A site's business day ("yyyy-MM-dd").
struct DayKey: Hashable {
    var site: String
    var day: String
}
