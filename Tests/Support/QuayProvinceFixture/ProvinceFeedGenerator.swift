import QuayCore
import QuayProvince

/// A simulated province for `make bench` and the scale tests: `communes` centers, `dossiers` dossiers spread
/// evenly over them, each with its whole feed (received, then processing, result-ready and returned for most,
/// some left open past their appointment, a few rejected), and a queue-day summary per center and day of
/// `queueDays`. Deterministic for a given seed, so two runs ingest the same rows.
public struct ProvinceFeedGenerator: Sendable {
    public var communes: Int
    public var dossiers: Int
    /// Days dossiers are received on (and the queue days summarised).
    public var days: ReportPeriod
    public var seed: UInt64

    public static let services: [(id: String, name: String)] = [
        ("HT", "Hộ tịch"), ("CT", "Chứng thực"), ("DD", "Đất đai"), ("XD", "Xây dựng"), ("KD", "Đăng ký kinh doanh"),
    ]

    public init(communes: Int, dossiers: Int, days: ReportPeriod, seed: UInt64 = 16) {
        (self.communes, self.dossiers, self.days, self.seed) = (communes, dossiers, days, seed)
    }

    public func site(_ i: Int) -> String { "xa-\(i + 1)" }

    public func sites() -> [ProvinceSite] {
        (0..<communes).map { i in ProvinceSite(site: site(i), commune: "Xã số \(i + 1)", district: "Huyện \(i / 15 + 1)") }
    }

    /// Every feed record of center `i`, in its seq order (1, 2, 3, …).
    public func records(center i: Int) -> [FeedRecord] {
        var rng = SplitMix(seed: seed &+ UInt64(i) &* 0x9E37_79B9)
        let origin = site(i)
        var out: [FeedRecord] = []
        var seq: Int64 = 0
        func append(_ at: Double, _ body: FeedBody) {
            seq += 1
            out.append(FeedRecord(origin: origin, seq: seq, at: at, body: body))
        }
        let count = dossiers / communes + (i < dossiers % communes ? 1 : 0)
        let off = vietnamUTCOffsetSeconds
        for n in 0..<count {
            let day = days.from.adding(days: Int(rng.next() % UInt64(days.days)))
            let at = day.epochSeconds(utcOffsetSeconds: off) + 7.5 * 3600 + Double(rng.next() % 30_000)
            let svc = Self.services[Int(rng.next() % UInt64(Self.services.count))]
            var d = Dossier(
                id: "\(origin)-D\(n + 1)", receiptCode: "\(origin.uppercased())-\(n + 1)", procedure: "1.00\(svc.id)",
                procedureName: svc.name, service: svc.id, receivedAt: at, receivedSite: origin, receivedCounter: "1",
                appointmentDate: day.adding(days: 3 + Int(rng.next() % 10)), citizenName: "Công dân \(n + 1)")
            append(
                at,
                .dossier(
                    DossierChange(
                        dossier: d, event: DossierEvent(dossier: d.id, revision: 0, kind: .created, at: at, from: nil, to: .received))))
            let fate = rng.next() % 100
            if fate < 3 {
                let e = try! d.transition(to: .rejected, at: at + 3600)
                append(e.at, .dossier(DossierChange(dossier: d, event: e)))
                continue
            }
            var t = at + 86_400
            for next in [DossierStatus.processing, .resultReady, .returned] {
                // About 1 in 8 stops short of being returned (open, overdue once its appointment passes).
                if next == .returned && fate >= 88 { break }
                if next == .returned {
                    let late = fate >= 78
                    let ret = d.appointmentDate.adding(days: late ? 1 + Int(rng.next() % 4) : -Int(rng.next() % 3))
                    t = max(t + 60, ret.epochSeconds(utcOffsetSeconds: off) + 9 * 3600)
                }
                let e = try! d.transition(to: next, at: t)
                append(t, .dossier(DossierChange(dossier: d, event: e)))
                t += 86_400
            }
        }
        for k in 0..<days.days {
            let day = days.from.adding(days: k)
            append(day.adding(days: 1).epochSeconds(utcOffsetSeconds: off), .queueDay(queueDay(site: origin, day: day, rng: &rng)))
        }
        return out
    }

    func queueDay(site: String, day: LocalDate, rng: inout SplitMix) -> QueueDaySummary {
        var total = QueueFigures(id: "*", name: "")
        var services: [QueueFigures] = []
        var arrivals = [Int](repeating: 0, count: 24)
        for s in Self.services {
            var f = QueueFigures(id: s.id, name: s.name)
            f.issued = 5 + Int(rng.next() % 30)
            f.noShow = Int(rng.next() % 3)
            f.served = f.issued - f.noShow
            f.priority = Int(rng.next() % 4)
            f.rated = f.served / 2
            f.ratingSum = f.rated * 3
            let waits = (0..<f.served).map { _ in Double(60 + rng.next() % 1500) }
            f.wait = Spread(waits)
            f.serviceTime = Spread((0..<f.served).map { _ in Double(120 + rng.next() % 600) })
            for _ in 0..<f.issued { arrivals[7 + Int(rng.next() % 10)] += 1 }
            total.addCounts(f)
            total.wait.merge(f.wait)
            total.serviceTime.merge(f.serviceTime)
            services.append(f)
        }
        return QueueDaySummary(site: site, day: day, total: total, services: services, counters: [], arrivalsByHour: arrivals)
    }
}

/// A small fast deterministic generator (SplitMix64).
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
