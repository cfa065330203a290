/// A public service (thủ tục group) citizens queue for, e.g. "Tư pháp – Hộ tịch" with prefix "A".
public struct Service: Sendable, Codable, Equatable, Identifiable {
    public var id: String
    public var name: LocalizedText
    /// Ticket prefix shown before the number: "A" → A015.
    public var prefix: String
    /// Allowed sequence numbers for one business day (inclusive); the first ticket gets `range.lowerBound`.
    public var rangeStart: Int
    public var rangeEnd: Int
    /// Digits the number is padded to (3 → A015).
    public var digits: Int
    /// Tickets per business day; nil = limited only by the number range.
    public var capacityPerDay: Int?
    public var hours: OpeningHours?

    public init(
        id: String, name: LocalizedText, prefix: String, rangeStart: Int = 1, rangeEnd: Int = 999,
        digits: Int = 3, capacityPerDay: Int? = nil, hours: OpeningHours? = nil
    ) {
        self.id = id
        self.name = name
        self.prefix = prefix
        self.rangeStart = rangeStart
        self.rangeEnd = rangeEnd
        self.digits = digits
        self.capacityPerDay = capacityPerDay
        self.hours = hours
    }

    /// The number printed on the ticket for sequence `seq`, e.g. A015.
    public func displayNumber(_ seq: Int) -> String {
        let s = String(seq)
        return prefix + String(repeating: "0", count: max(0, digits - s.count)) + s
    }

    /// How many tickets this service can issue in one day (the smaller of capacity and range).
    public var dailyLimit: Int {
        let range = rangeEnd - rangeStart + 1
        return min(range, capacityPerDay ?? range)
    }
}

/// Opening hours in local minutes since midnight, e.g. 7:30–17:00 → 450..<1020. Several spans for a lunch break.
public struct OpeningHours: Sendable, Codable, Equatable {
    public var spans: [Span]
    public struct Span: Sendable, Codable, Equatable {
        public var start: Int
        public var end: Int
        public init(start: Int, end: Int) {
            self.start = start
            self.end = end
        }
    }
    public init(spans: [Span]) { self.spans = spans }

    public func isOpen(minuteOfDay m: Int) -> Bool { spans.contains { m >= $0.start && m < $0.end } }

    /// Parses "07:30-11:30,13:30-17:00".
    public static func parse(_ s: String) -> OpeningHours? {
        var spans: [Span] = []
        for part in s.split(separator: ",") {
            let ends = part.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
            guard ends.count == 2, let a = parseClock(String(ends[0])), let b = parseClock(String(ends[1])), a < b else { return nil }
            spans.append(Span(start: a, end: b))
        }
        return spans.isEmpty ? nil : OpeningHours(spans: spans)
    }

    /// "07:30" → 450.
    public static func parseClock(_ s: String) -> Int? {
        let p = s.trimmingCharacters(in: .whitespaces).split(separator: ":", omittingEmptySubsequences: false)
        guard p.count == 2, p.allSatisfy({ !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let h = Int(p[0]), let m = Int(p[1]), (0...24).contains(h), (0...59).contains(m), h * 60 + m <= 1440
        else { return nil }
        return h * 60 + m
    }
}

import Foundation
