import Foundation
import QuayControl
import QuayCore
import QuayStore
import QuaySystem

/// Where an issue's time goes, measured in this process beside the socket figures: the ledger alone (engine +
/// group-commit writer + SQLite, no socket, no JSON) and the JSON work the daemon does per request.
enum Breakdown {
    /// `ledger.write { engine.issue }` sequentially, as the `issue` op does it, on one ledger kept across rounds.
    final class LedgerBench {
        let ledger: Ledger
        init(dir: String) throws {
            let center = CenterSetup(
                site: SiteID(rawValue: "bench")!, name: LocalizedText(vi: "Bench"),
                services: [Service(id: "a", name: LocalizedText(vi: "A"), prefix: "A", rangeEnd: 999_999, digits: 6)],
                counters: [Counter(id: "q1", number: "1", services: ["a"])])
            ledger = try Ledger(path: dir + "/ledger-\(UUID().uuidString).sqlite", center: center)
        }
        func issue(_ n: Int) async throws -> Samples {
            var s = Samples()
            for _ in 0..<n {
                let t0 = monotonicNanos()
                _ = try await ledger.write { engine, now throws(QueueError) in
                    let (t, m) = try engine.issue(service: "a", priority: nil, language: .vi, now: now, minuteOfDay: nil)
                    return (t.number, m)
                }
                s.add(monotonicNanos() - t0)
            }
            return s
        }
        func close() { ledger.close() }
    }

    /// Decoding one `issue` request line and encoding a reply of the same shape, as the server does.
    static func json(_ n: Int) -> (decode: Samples, encode: Samples) {
        let line = Array(#"{"id":17,"op":"issue","service":"a","language":"km"}"#.utf8)
        let ticket = Ticket(
            id: "bench-T1", service: "a", seq: 1, number: "A000001", businessDay: "2026-11-25",
            priority: nil, language: .km, issuedAt: Date().timeIntervalSince1970)
        var dec = Samples(), enc = Samples()
        for _ in 0..<n {
            let t0 = monotonicNanos()
            let r = try? JSONDecoder().decode(Request.self, from: Data(line))
            dec.add(monotonicNanos() - t0)
            precondition(r?.op == "issue")
            let t1 = monotonicNanos()
            let bytes = Wire.ok(r?.id, BenchIssueBody(ticket: ticket, waitingAhead: 3, estimatedWaitMinutes: 12, counters: ["1", "2"]))
            enc.add(monotonicNanos() - t1)
            precondition(bytes.count > 100)
        }
        return (dec, enc)
    }
}

/// Same fields as the daemon's issue reply.
struct BenchIssueBody: Encodable, Sendable {
    var ticket: Ticket
    var waitingAhead: Int
    var estimatedWaitMinutes: Int?
    var counters: [String]
}
