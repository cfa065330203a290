import QuayCore

/// The hand-computed province of the report tests (expected figures are written out in ProvinceReportTests).
/// Sites xa-a (Xã A), xa-b (Xã B) and xa-c (Xã C, no data). Times are local noon (+07:00) of the named days.
enum ProvinceFixtureFeed {
    static func at(_ iso: String, hour: Double = 12) -> Double {
        LocalDate(iso: iso)!.epochSeconds(utcOffsetSeconds: vietnamUTCOffsetSeconds) + hour * 3600
    }

    /// The whole feed of one dossier: created, then each status in `path` on the given days.
    static func dossier(
        _ id: String, site: String, service: String, received: String, appointment: String, path: [(DossierStatus, String)],
        firstSeq: Int64
    ) -> [FeedRecord] {
        var d = Dossier(
            id: id, receiptCode: id.uppercased(), procedure: "1.00\(service)", procedureName: service, service: service,
            receivedAt: at(received), receivedSite: site, appointmentDate: LocalDate(iso: appointment)!, citizenName: "Công dân")
        var out = [
            FeedRecord(
                origin: site, seq: firstSeq, at: d.receivedAt,
                body: .dossier(
                    DossierChange(
                        dossier: d, event: .init(dossier: id, revision: 0, kind: .created, at: d.receivedAt, from: nil, to: .received))))
        ]
        for (i, step) in path.enumerated() {
            let e = try! d.transition(to: step.0, at: at(step.1))
            out.append(
                FeedRecord(origin: site, seq: firstSeq + Int64(i) + 1, at: e.at, body: .dossier(DossierChange(dossier: d, event: e))))
        }
        return out
    }

    static let toReturned: [DossierStatus] = [.processing, .resultReady, .returned]

    static func returned(on day: String, from received: String) -> [(DossierStatus, String)] {
        [(.processing, received), (.resultReady, day), (.returned, day)]
    }

    static var dossiersA: [FeedRecord] {
        dossier(
            "xa-a-D1", site: "xa-a", service: "HT", received: "2026-11-02", appointment: "2026-11-10",
            path: returned(on: "2026-11-09", from: "2026-11-02"), firstSeq: 1)
            + dossier(
                "xa-a-D2", site: "xa-a", service: "HT", received: "2026-11-03", appointment: "2026-11-05",
                path: returned(on: "2026-11-07", from: "2026-11-03"), firstSeq: 5)
            + dossier(
                "xa-a-D3", site: "xa-a", service: "CT", received: "2026-11-20", appointment: "2026-11-25",
                path: [(.processing, "2026-11-21")], firstSeq: 9)
            + dossier(
                "xa-a-D4", site: "xa-a", service: "CT", received: "2026-10-28", appointment: "2026-11-04",
                path: returned(on: "2026-11-04", from: "2026-10-28"), firstSeq: 11)
    }

    static var dossiersB: [FeedRecord] {
        dossier(
            "xa-b-D1", site: "xa-b", service: "HT", received: "2026-11-10", appointment: "2026-12-05",
            path: [(.processing, "2026-11-10"), (.resultReady, "2026-11-20")], firstSeq: 1)
            + dossier(
                "xa-b-D2", site: "xa-b", service: "HT", received: "2026-11-11", appointment: "2026-11-20",
                path: [(.rejected, "2026-11-12")], firstSeq: 4)
            + dossier("xa-b-D3", site: "xa-b", service: "CT", received: "2026-12-01", appointment: "2026-12-08", path: [], firstSeq: 6)
    }

    static func figures(_ id: String, issued: Int, served: Int, waits: (count: Int, sum: Double, p90: Double, max: Double)) -> QueueFigures
    {
        var f = QueueFigures(id: id, name: id == "HT" ? "Hộ tịch" : id == "CT" ? "Chứng thực" : "")
        (f.issued, f.served, f.noShow) = (issued, served, issued - served)
        f.wait = Spread(count: waits.count, p50: waits.p90 / 2, p90: waits.p90, max: waits.max, sum: waits.sum)
        return f
    }

    static func queueDay(_ site: String, _ day: String, seq: Int64, total: QueueFigures, services: [QueueFigures], arrivals: [Int: Int])
        -> FeedRecord
    {
        var hours = [Int](repeating: 0, count: 24)
        for (h, n) in arrivals { hours[h] = n }
        let q = QueueDaySummary(
            site: site, day: LocalDate(iso: day)!, total: total, services: services, counters: [], arrivalsByHour: hours)
        return FeedRecord(origin: site, seq: seq, at: at(day, hour: 18), body: .queueDay(q))
    }

    /// xa-a on 2026-11-02 (15 issued) and 2026-10-31 (outside November).
    static var queueA: [FeedRecord] {
        [
            queueDay(
                "xa-a", "2026-11-02", seq: 20, total: figures("*", issued: 15, served: 13, waits: (13, 3400, 550, 900)),
                services: [
                    figures("HT", issued: 10, served: 8, waits: (8, 2400, 600, 900)),
                    figures("CT", issued: 5, served: 5, waits: (5, 1000, 300, 400)),
                ], arrivals: [8: 10, 9: 5]),
            queueDay(
                "xa-a", "2026-10-31", seq: 21, total: figures("*", issued: 100, served: 100, waits: (100, 100, 1, 1)),
                services: [figures("HT", issued: 100, served: 100, waits: (100, 100, 1, 1))], arrivals: [8: 100]),
        ]
    }

    /// xa-b on 2026-11-03: first sent with 3 tickets (seq 10), recomputed with 4 (seq 12).
    static func queueB(seq: Int64, issued: Int) -> FeedRecord {
        queueDay(
            "xa-b", "2026-11-03", seq: seq, total: figures("*", issued: issued, served: issued, waits: (issued, 480, 200, 200)),
            services: [figures("HT", issued: issued, served: issued, waits: (issued, 480, 200, 200))], arrivals: [8: issued])
    }
}
