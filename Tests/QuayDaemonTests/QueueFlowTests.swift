import Foundation
import QuayControl
import Testing

/// Clerk operations end to end through the socket.
@Suite struct QueueFlowTests {
    @Test func recallTurnsIntoNoShowAfterMaxRecalls() throws {
        let d = try DaemonProcess()
        try d.start()
        let c = try d.client()
        _ = try c.issue()
        #expect(try c.call("call-next", ["counter": .string("q1")])["ticket"]?["number"] == .string("A001"))
        let r1 = try c.call("recall", ["counter": .string("q1")])
        #expect(r1["ticket"]?["recalls"] == .number(1))
        let r2 = try c.call("recall", ["counter": .string("q1")])
        #expect(r2["ticket"]?["recalls"] == .number(2))
        let r3 = try c.call("recall", ["counter": .string("q1")])
        #expect(r3["ticket"]?["state"] == .string("no-show"))
    }

    @Test func serveDoneAndStats() throws {
        let d = try DaemonProcess()
        try d.start()
        let c = try d.client()
        _ = try c.issue()
        _ = try c.issue("datdai")
        _ = try c.call("call-next", ["counter": .string("q1")])
        #expect(try c.call("start-serving", ["counter": .string("q1")])["ticket"]?["state"] == .string("serving"))
        #expect(try c.call("done", ["counter": .string("q1")])["ticket"]?["state"] == .string("done"))
        let bad = try c.call("done", ["counter": .string("q1")])
        #expect(bad["error"]?["code"] == .string("invalid-argument"))
        let stats = try c.call("stats")
        let hotich = stats["stats"]?["services"]?.array?.first { $0["id"] == .string("hotich") }
        #expect(hotich?["issued"] == .number(1))
        #expect(hotich?["served"] == .number(1))
        let datdai = stats["stats"]?["services"]?.array?.first { $0["id"] == .string("datdai") }
        #expect(datdai?["waiting"] == .number(1))
    }

    @Test func transferKeepsOriginalWaitAndTargetsCounter() throws {
        let d = try DaemonProcess()
        try d.start()
        let c = try d.client()
        let first = try c.issue("datdai")["ticket"]!
        _ = try c.issue("hotich")
        // q1 prefers hotich (its first service) over the older B001.
        #expect(try c.call("call-next", ["counter": .string("q1")])["ticket"]?["number"] == .string("A001"))
        let moved = try c.call("transfer", ["ticket": .string("B001"), "toService": .string("hotich"), "toCounter": .string("q2")])
        #expect(moved["ok"] == .bool(true))
        #expect(moved["ticket"]?["queuedSince"] == first["issuedAt"])
        #expect(moved["ticket"]?["targetCounter"] == .string("q2"))
        // B001 now waits for q2 only: q1 finds nobody, q2 gets it.
        #expect(try c.call("call-next", ["counter": .string("q1")])["error"]?["code"] == .string("queue-empty"))
        #expect(try c.call("call-next", ["counter": .string("q2")])["ticket"]?["number"] == .string("B001"))
    }

    @Test func closedCounterCannotCallAndCapacityIsEnforced() throws {
        let d = try DaemonProcess(config: TestConfig.basic.replacingOccurrences(of: "digits = 3", with: "digits = 3\ncapacity = 2"))
        try d.start()
        let c = try d.client()
        _ = try c.issue()
        _ = try c.issue()
        let full = try c.call("issue", ["service": .string("hotich"), "language": .string("km")])
        #expect(full["error"]?["code"] == .string("capacity-reached"))
        #expect(full["error"]?["citizen"]?["km"]?.string?.isEmpty == false)
        #expect(full["error"]?["citizen"]?["vi"]?.string?.contains("hết số") == true)
        _ = try c.call("counter", ["counter": .string("q1"), "state": .string("closed")])
        let refused = try c.call("call-next", ["counter": .string("q1")])
        #expect(refused["error"]?["code"] == .string("counter-not-open"))
    }

    @Test func transferAcrossServicesThenIssuingTheSameSeqIsStored() throws {
        let d = try DaemonProcess()
        try d.start()
        let c = try d.client()
        _ = try c.issue("hotich")
        _ = try c.call("transfer", ["ticket": .string("A001"), "toService": .string("datdai")])
        #expect(try c.issue("datdai")["ticket"]?["number"] == .string("B001"))
        #expect(try c.issue("hotich")["ticket"]?["number"] == .string("A002"))
        d.stop()
        let again = try DaemonProcess(dir: d.dir)
        try again.start()
        #expect(try again.client().issue("hotich")["ticket"]?["number"] == .string("A003"))
    }
}
