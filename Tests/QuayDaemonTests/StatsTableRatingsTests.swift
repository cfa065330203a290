import Foundation
import QuayControl
import Testing

/// `quayctl stats` (the real binary against a real quayd) prints the day's satisfaction ratings: count and mean per
/// service and per counter in their tables, and the total; `stats` carries them per service too.
@Suite struct StatsTableRatingsTests {
    @Test func theCounterTableCarriesRatingsAndTheTotal() throws {
        let dir = TempDir("quay-stats-ratings")
        let d = try DaemonProcess(config: TestConfig.basic, dir: dir)
        try d.start()
        defer { d.stop() }
        let c = try d.client()
        for (counter, score) in [("q1", 4), ("q2", 3), ("q1", 1)] {
            _ = try c.issue("hotich")
            let called = try c.call("call-next", ["counter": .string(counter)])
            let ticket = try #require(called["ticket"]?["id"]?.string, "\(called)")
            for op in ["start-serving", "done"] {
                let r = try c.call(op, ["counter": .string(counter), "ticket": .string(ticket)])
                #expect(r["ok"] == .bool(true), "\(op): \(r)")
            }
            let rated = try c.call(
                "rate", ["counter": .string(counter), "ticket": .string(ticket), "args": .object(["score": .number(Double(score))])])
            #expect(rated["ok"] == .bool(true), "\(rated)")
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binaries.quayctl)
        p.arguments = ["stats", "--socket", d.socket]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0)
        let lines = text.split(separator: "\n").map { $0.split(separator: " ", omittingEmptySubsequences: true).map(String.init) }
        #expect(lines.contains { $0.first == "COUNTER" && $0.suffix(2) == ["RATED", "RATING(1-4)"] }, "\(text)")
        #expect(lines.contains { $0.first == "q1" && $0.suffix(2) == ["2", "2.50"] }, "\(text)")
        #expect(lines.contains { $0.first == "q2" && $0.suffix(2) == ["1", "3.00"] }, "\(text)")
        // Per service: all three were hotich tickets; datdai has none.
        #expect(lines.contains { $0.first == "SERVICE" && $0.suffix(2) == ["RATED", "RATING(1-4)"] }, "\(text)")
        #expect(lines.contains { $0.first == "hotich" && $0.suffix(2) == ["3", "2.67"] }, "\(text)")
        #expect(lines.contains { $0.first == "datdai" && $0.suffix(2) == ["0", "-"] }, "\(text)")
        let json = try c.call("stats")["ratings"]?["byService"]?.array ?? []
        #expect(json.count == 1 && json.first?["service"] == .string("hotich"), "\(json)")
        #expect(text.contains("Satisfaction today: 3 ratings, mean 2.67"), "\(text)")
    }
}
