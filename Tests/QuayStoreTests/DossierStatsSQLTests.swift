import Foundation
import Testing
import QuayCore
@testable import QuayStore

/// `DossierRepository.statsTally` (SQL, what quayd runs) against `DossierStats.compute` (the pure reference) over
/// the same dossiers, fed to `compute` in `seq` order. Every basis × grouping, several ranges and report dates.
@Suite struct DossierStatsSQLTests {
    static let off = vietnamUTCOffsetSeconds  // Asia/Ho_Chi_Minh, +07:00, no DST
    static func day(_ d: Int, _ m: Int = 11, _ y: Int = 2026) -> LocalDate { LocalDate(year: y, month: m, day: d)! }
    /// Epoch seconds of a local (Hà Nội) wall-clock time.
    static func at(_ d: LocalDate, _ h: Int, _ m: Int = 0, _ s: Double = 0) -> Double {
        d.epochSeconds(utcOffsetSeconds: off) + Double(h * 3600 + m * 60) + s
    }

    final class Store {
        let dir: String
        let db: Database
        init() throws {
            dir = NSTemporaryDirectory() + "quay-stats-sql-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            db = try Database(path: dir + "/q.sqlite")
            try Migrations.migrate(db)
        }
        deinit { try? FileManager.default.removeItem(atPath: dir) }
        var repo: DossierRepository { DossierRepository(db: db) }
        func insert(_ ds: [Dossier]) throws {
            try db.exec("BEGIN IMMEDIATE")
            try repo.insertAll(ds)
            try db.exec("COMMIT")
        }
    }

    static func sql(_ s: Store, _ from: LocalDate, _ to: LocalDate, _ today: LocalDate, _ b: DossierStats.Basis, _ g: DossierStats.GroupBy)
        throws -> DossierStats
    {
        let t = try s.repo.statsTally(from: from, to: to, today: today, basis: b, groupBy: g, utcOffsetSeconds: off)
        return DossierStats.assemble(t, from: from, to: to, today: today, basis: b, groupBy: g)
    }

    /// Compares every basis × grouping; returns how many (basis, grouping) reports counted something.
    @discardableResult
    static func compareAll(_ s: Store, _ all: [Dossier], _ from: LocalDate, _ to: LocalDate, _ today: LocalDate) throws -> Int {
        var nonEmpty = 0
        for b in DossierStats.Basis.allCases {
            for g in DossierStats.GroupBy.allCases {
                let want = DossierStats.compute(all, from: from, to: to, today: today, basis: b, groupBy: g, utcOffsetSeconds: off)
                let got = try sql(s, from, to, today, b, g)
                if got != want {
                    // Name the first differing row rather than printing two whole reports.
                    var why = "totals: sql \(got.total) vs compute \(want.total)"
                    for p in DossierStats.Period.allCases {
                        let (x, y) = (got.rows(p), want.rows(p))
                        if let i = x.indices.first(where: { $0 < y.count && x[$0] != y[$0] }) {
                            why = "\(p) row \(i): sql \(x[i]) vs compute \(y[i])"
                            break
                        }
                        if x.count != y.count {
                            why = "\(p): \(x.count) rows in SQL, \(y.count) computed"
                            break
                        }
                    }
                    Issue.record("SQL stats differ from DossierStats.compute (\(b), \(g), \(from)...\(to), today \(today)): \(why)")
                }
                if want.total.total > 0 { nonEmpty += 1 }
            }
        }
        return nonEmpty
    }

    static func make(
        _ seq: Int, _ proc: String, name: String? = nil, appt: LocalDate, _ status: DossierStatus,
        returned: Double? = nil, changed: Double? = nil, service: String? = nil, site: String = "s1"
    ) -> Dossier {
        Dossier(
            id: "s1-D\(seq)", receiptCode: "EDGE-\(seq)", procedure: proc, procedureName: name ?? "Thủ tục \(proc)", service: service,
            receivedAt: at(day(1, 10), 8), receivedSite: site, appointmentDate: appt, status: status,
            statusChangedAt: changed ?? returned ?? at(day(1, 10), 8), returnedAt: returned, citizenName: "Nguyễn Văn A")
    }

    /// Hand-made edges: local midnight either side of the appointment day, returned without `returnedAt`,
    /// overdue and pending open dossiers around `today`, rejected/withdrawn settled inside and outside the range,
    /// appointments on the month's first and last days and just outside, one procedure code with two names (the
    /// lowest seq names the group), no service, two sites, a withdrawal before 1970 (floor of a negative day).
    static let edges: [Dossier] = {
        var seq = 0
        var out: [Dossier] = []
        func add(
            _ proc: String, name: String? = nil, appt: LocalDate, _ st: DossierStatus, returned: Double? = nil, changed: Double? = nil,
            service: String? = nil, site: String = "s1"
        ) {
            seq += 1
            out.append(make(seq, proc, name: name, appt: appt, st, returned: returned, changed: changed, service: service, site: site))
        }
        let d5 = day(5)
        add("P1", name: "Khai sinh", appt: d5, .returned, returned: at(d5, 23, 59, 59.999))  // last instant of the day: on time
        add("P1", name: "Khai sinh (cũ)", appt: d5, .returned, returned: at(day(6), 0, 0, 0))  // local midnight: late
        add("P1", appt: d5, .returned, returned: at(day(6), 0, 0, 0.001))  // late
        add("P1", appt: d5, .returned, returned: at(day(4), 10))  // early: on time
        add("P1", appt: d5, .returned, returned: at(day(5), 6, 59), service: "hotich")  // 23:59 UTC the day before
        add("P2", appt: d5, .returned, returned: nil, changed: at(day(7), 9), service: "hotich")  // no returnedAt: changed is used
        add("P2", appt: d5, .returned, returned: nil, changed: at(day(5), 17), service: "datdai")
        for (i, st) in [DossierStatus.received, .processing, .needsSupplement, .resultReady].enumerated() {
            add("P2", appt: day(19), st, site: "s2")  // before today (20th): overdue
            add("P2", appt: day(20), st, site: "s2")  // today: pending
            add("P3", appt: day(21 + i), st, service: "hotich")  // after: pending
        }
        add("P3", appt: day(10), .rejected, changed: at(day(3), 9))  // settled before its appointment
        add("P3", appt: day(10), .withdrawn, changed: at(day(30), 23, 59, 59.5))  // settled on the last day
        add("P3", appt: day(10), .withdrawn, changed: at(day(1, 12), 0, 0, 0))  // settled the day after the range
        add("P3", appt: day(31, 10), .rejected, changed: at(day(1), 0, 0, 0))  // appointment before the range
        add("P4", appt: day(1), .returned, returned: at(day(1), 0, 0, 0))
        add("P4", appt: day(30), .returned, returned: at(day(1, 12), 0, 0, 0))  // appointment in range, returned after it
        add("P4", appt: day(31, 10), .returned, returned: at(day(31, 10), 23, 59, 59))  // outside by appointment and by return
        add("P4", appt: day(31, 10), .returned, returned: at(day(1), 0, 0, 0))  // outside by appointment, inside by return
        add("P4", appt: day(1, 12), .returned, returned: at(day(30), 12))  // inside by return only
        add("P4", appt: day(1, 12), .processing)
        add("P1", name: "Khai sinh (mới)", appt: day(5), .processing, site: "s2")
        add("P5", appt: day(1, 1, 1970), .withdrawn, changed: -30_000)  // 1969-12-31 22:40 local
        add("P5", appt: day(31, 12, 1969), .returned, returned: -25_200.5)  // 1969-12-31 23:59:59.5 local
        return out
    }()

    @Test func edgeCasesMatchTheReference() throws {
        let s = try Store()
        try s.insert(Self.edges)
        let nov = (Self.day(1), Self.day(30))
        #expect(try Self.compareAll(s, Self.edges, nov.0, nov.1, Self.day(20)) == 6)
        for today in [Self.day(18), Self.day(19), Self.day(21), Self.day(1, 12)] {
            try Self.compareAll(s, Self.edges, nov.0, nov.1, today)
        }
        try Self.compareAll(s, Self.edges, Self.day(25, 10), Self.day(5, 12), Self.day(20))  // across three months
        try Self.compareAll(s, Self.edges, Self.day(5), Self.day(5), Self.day(20))  // one day
        try Self.compareAll(s, Self.edges, Self.day(6), Self.day(4), Self.day(20))  // empty range
        #expect(try Self.compareAll(s, Self.edges, Self.day(25, 12, 1969), Self.day(5, 1, 1970), Self.day(20)) > 0)

        // Spot checks that pin the rules, independent of `compute`.
        let st = try Self.sql(s, nov.0, nov.1, Self.day(20), .appointment, .procedure)
        let p1 = try #require(st.byGroup.first { $0.group == "P1" })
        #expect(p1.name == "Khai sinh")  // lowest seq names the group
        #expect(p1.counts.onTime == 3 && p1.counts.late == 2 && p1.counts.overdue == 1)
        let p5 = try Self.sql(s, Self.day(31, 12, 1969), Self.day(31, 12, 1969), Self.day(20), .resolution, .procedure)
        #expect(p5.total.closed == 1)  // withdrawn at 1969-12-31 22:40 local, not on 1970-01-01
    }

    /// 4,000 random dossiers around November (times near local midnight included), every status, several
    /// procedures, names, services and sites, then a generated 20,000-row provincial export on top.
    @Test func randomAndGeneratedDataMatchTheReference() throws {
        let s = try Store()
        var rng = SplitMix64(seed: 20261125)
        func pick<T>(_ a: [T]) -> T { a[Int(rng.next() % UInt64(a.count))] }
        var all: [Dossier] = []
        for i in 1...4000 {
            let appt = Self.day(1, 10).adding(days: Int(rng.next() % 92))
            let st = pick(DossierStatus.allCases)
            // Offsets of −2…+3 days from the appointment, a third of them within a second of local midnight.
            let dayOff = Int(rng.next() % 6) - 2
            let secs: Double = rng.next() % 3 == 0 ? pick([0, 0.25, 86_399.75, 86_399.999]) : Double(rng.next() % 86_400)
            let t = appt.adding(days: dayOff).epochSeconds(utcOffsetSeconds: Self.off) + secs
            let proc = pick(["1.001612", "1.000656", "2.000908", "P", "p", "Đ"])
            all.append(
                Dossier(
                    id: "s1-D\(i)", receiptCode: "R-\(i)", procedure: proc, procedureName: "\(proc) tên \(rng.next() % 3)",
                    service: pick([nil, "hotich", "datdai", ""]), receivedAt: t - 86_400 * 3, receivedSite: pick(["s1", "s2"]),
                    appointmentDate: appt, status: st, statusChangedAt: t,
                    returnedAt: st == .returned && rng.next() % 5 != 0 ? t + pick([0, 1, 3600]) : nil, citizenName: "X"))
        }
        try s.insert(all)
        for today in [Self.day(20), Self.day(1), Self.day(15, 12)] {
            #expect(try Self.compareAll(s, all, Self.day(1), Self.day(30), today) == 6)
        }
        try Self.compareAll(s, all, Self.day(15, 10), Self.day(15, 12), Self.day(20))
        try Self.compareAll(s, all, Self.day(30), Self.day(1, 12), Self.day(20))

        let (bytes, expected) = DossierSampleData.generate(rows: 20_000, seed: 99, badRowEvery: 500)
        let r = DossierImporter.importCSV(bytes, mapping: DossierSampleData.mapping, site: SiteID(rawValue: "s1")!, firstSeq: 4001)
        #expect(r.dossiers.count == expected.rows - expected.badRows)
        try s.insert(r.dossiers)
        all += r.dossiers
        #expect(try Self.compareAll(s, all, DossierSampleData.month.from, DossierSampleData.month.to, DossierSampleData.sampleToday) == 6)
        // And the generator's own tally (rows of the export only: a fresh store).
        let fresh = try Store()
        try fresh.insert(r.dossiers)
        let gen = try Self.sql(
            fresh, DossierSampleData.month.from, DossierSampleData.month.to, DossierSampleData.sampleToday, .appointment, .procedure)
        #expect(gen.total == expected.counts)
        #expect(Dictionary(uniqueKeysWithValues: gen.byGroup.map { ($0.group, $0.counts) }) == expected.perProcedure)
    }

    /// Stats read the covering index in GROUP BY order (no sort, no table lookups); the results-ready list uses its
    /// partial index. A plan change here is a performance regression (docs/performance.md "Dossiers").
    @Test func queryPlansUseTheNewIndexes() throws {
        let s = try Store()
        func plan(_ sql: String) throws -> String {
            let st = try s.db.statement("EXPLAIN QUERY PLAN " + sql)
            var out: [String] = []
            while try st.step() { out.append(st.text(3)) }
            return out.joined(separator: "; ")
        }
        let stats = try plan(DossierRepository.statsSQL(basis: .appointment, groupBy: .procedure))
        #expect(stats.contains("COVERING INDEX dossiers_stats"), "\(stats)")
        #expect(!stats.contains("TEMP B-TREE"), "\(stats)")
        let ready = try plan(DossierRepository.readySQL)
        #expect(ready.contains("dossiers_ready"), "\(ready)")
    }

    /// A version-2 database (with dossiers) migrates to 3: rows kept, the new indexes replace the old ones.
    @Test func migrationThreeKeepsDataAndSwapsIndexes() throws {
        let dir = NSTemporaryDirectory() + "quay-mig3-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try Database(path: dir + "/q.sqlite")
        try db.exec(Migrations.all[0])
        try db.exec(Migrations.all[1])
        try db.exec("PRAGMA user_version=2")
        // Version 2's columns (later migrations add more).
        let v2 = """
            seq, id, receipt_code, procedure, procedure_name, service, received_at, received_site, received_counter, clerk,
            appointment_day, status, status_changed_at, returned_at, citizen_name, citizen_phone, return_channel, note, revision
            """
        try db.exec("BEGIN IMMEDIATE")
        for d in Self.edges {
            let values = Array(DossierRepository.values(d).prefix(19))
            try db.run("INSERT INTO dossiers(\(v2)) VALUES(\((1...19).map { "?\($0)" }.joined(separator: ", ")))", values)
        }
        try db.exec("COMMIT")
        func indexes() throws -> Set<String> {
            let st = try db.statement("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'dossiers' AND sql IS NOT NULL")
            var out: Set<String> = []
            while try st.step() { out.insert(st.text(0)) }
            return out
        }
        #expect(try indexes() == ["dossiers_status", "dossiers_appointment"])
        try Migrations.migrate(db)
        #expect(try db.scalarInt("PRAGMA user_version") == Int64(Migrations.all.count))
        #expect(try indexes() == ["dossiers_stats", "dossiers_ready", "dossiers_postal"])
        #expect(try DossierRepository(db: db).count() == Self.edges.count)
        #expect(try DossierRepository(db: db).get(Self.edges[3].receiptCode) == Self.edges[3])
    }

    /// The read-only connection sees committed rows only, while the writer holds an open transaction.
    @Test func readerSeesCommittedDataWithoutWaitingForTheWriter() async throws {
        let s = try Store()
        try s.insert(Array(Self.edges.prefix(10)))
        let reader = ReadConnection(path: s.db.path)
        #expect(try await reader.read { try DossierRepository(db: $0).count() } == 10)
        try s.db.exec("BEGIN IMMEDIATE")
        try s.repo.insertAll(Array(Self.edges.dropFirst(10)))
        #expect(try await reader.read { try DossierRepository(db: $0).count() } == 10)
        try s.db.exec("COMMIT")
        #expect(try await reader.read { try DossierRepository(db: $0).count() } == Self.edges.count)
        await #expect(throws: StoreError.self) { try await reader.read { db in try db.exec("DELETE FROM dossiers") } }
    }
}
