import QuayCore
import Testing

/// Shared fixtures for QuayCore tests. Times are epoch seconds; `midnight` is 2026-11-25 00:00 in
/// Asia/Ho_Chi_Minh (2026-11-24T17:00:00Z), `t8` is 08:00 local that day.
enum Fx {
    static let midnight: Double = 1_795_539_600
    static let t8: Double = midnight + 8 * 3600
    static let day = "2026-11-25"
    static let nextDay = "2026-11-26"
    static let site = SiteID(rawValue: "xa-an-phu")!

    static func service(
        _ id: String, prefix: String, rangeStart: Int = 1, rangeEnd: Int = 999, digits: Int = 3,
        capacity: Int? = nil, hours: OpeningHours? = nil
    ) -> Service {
        Service(
            id: id, name: LocalizedText(vi: "Dịch vụ \(id)"), prefix: prefix, rangeStart: rangeStart, rangeEnd: rangeEnd,
            digits: digits, capacityPerDay: capacity, hours: hours)
    }

    /// Services "hotich" (A), "datdai" (B), "chungthuc" (C). Counters:
    /// c1 serves A then B (vi), c2 serves B then A (vi, km), c3 serves C only (vi).
    static func center(
        services: [Service]? = nil, counters: [Counter]? = nil,
        policy: CallPolicyConfig = CallPolicyConfig()
    ) -> CenterSetup {
        CenterSetup(
            site: site,
            name: LocalizedText(vi: "UBND xã An Phú", km: "ឃុំ An Phu"),
            services: services ?? [
                service("hotich", prefix: "A"),
                service("datdai", prefix: "B"),
                service("chungthuc", prefix: "C"),
            ],
            counters: counters ?? [
                Counter(id: "c1", number: "1", services: ["hotich", "datdai"]),
                Counter(id: "c2", number: "2", services: ["datdai", "hotich"], languages: [.vi, .km]),
                Counter(id: "c3", number: "3", services: ["chungthuc"]),
            ],
            policy: policy)
    }

    static func engine(_ center: CenterSetup = center(), day: String = day) -> QueueEngine {
        QueueEngine(center: center, businessDay: day)
    }

    /// A waiting ticket for feeding `CallPolicy` directly.
    static func ticket(
        _ n: Int, service: String = "hotich", seq: Int? = nil, priority: String? = nil,
        language: Language = .vi, at: Double, target: String? = nil
    ) -> Ticket {
        var t = Ticket(
            id: "t\(n)", service: service, seq: seq ?? n, number: "X\(seq ?? n)", businessDay: day,
            priority: priority, language: language, issuedAt: at)
        t.targetCounter = target
        return t
    }
}

extension QueueEngine {
    /// Issues a ticket at `now` (opening hours not checked), failing the test on error.
    @discardableResult
    mutating func mustIssue(
        _ service: String = "hotich", priority: String? = nil, language: Language = .vi,
        at now: Double
    ) throws -> Ticket {
        try issue(service: service, priority: priority, language: language, now: now, minuteOfDay: nil).0
    }
}

/// Runs a throwing engine operation and returns the `QueueError` it threw (nil if it succeeded).
func queueError<T>(_ body: () throws -> T, sourceLocation: SourceLocation = #_sourceLocation) -> QueueError? {
    do {
        _ = try body()
        return nil
    } catch let e as QueueError {
        return e
    } catch {
        Issue.record("unexpected error \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
