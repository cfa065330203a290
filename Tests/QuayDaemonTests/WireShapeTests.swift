import Foundation
import QuayControl
import Testing

/// The fixed wire shape outside tools rely on (issue #3): exact fields for ping, issue, call-next, config, queue.
@Suite struct WireShapeTests {
    @Test func basicOpsHaveTheDocumentedShape() throws {
        let d = try DaemonProcess()
        try d.start()
        let c = try d.client()

        try c.send(raw: #"{"id":1,"op":"ping"}"#)
        let ping = try c.readLine()
        #expect(ping["id"] == .number(1))
        #expect(ping["ok"] == .bool(true))
        #expect(ping["version"]?.string?.isEmpty == false)

        try c.send(raw: #"{"id":2,"op":"issue","service":"hotich","priority":null,"language":"km"}"#)
        let issued = try c.readLine()
        #expect(issued["id"] == .number(2))
        #expect(issued["ok"] == .bool(true))
        let t = try #require(issued["ticket"])
        #expect(t["number"] == .string("A001"))
        #expect(t["service"] == .string("hotich"))
        #expect(t["seq"] == .number(1))
        #expect(t["id"] == .string("test-site-T1"))
        #expect(t["language"] == .string("km"))
        #expect(t["state"] == .string("waiting"))

        try c.send(raw: #"{"id":3,"op":"call-next","counter":"q2"}"#)
        let called = try c.readLine()
        #expect(called["ok"] == .bool(true))
        #expect(called["ticket"]?["number"] == .string("A001"))
        #expect(called["ticket"]?["state"] == .string("called"))
        #expect(called["ticket"]?["counter"] == .string("q2"))

        try c.send(raw: #"{"id":"x","op":"call-next","counter":"q1"}"#)
        let empty = try c.readLine()
        #expect(empty["id"] == .string("x"))
        #expect(empty["ok"] == .bool(false))
        #expect(empty["error"]?["code"] == .string("queue-empty"))
        #expect(empty["error"]?["message"]?.string?.isEmpty == false)

        try c.send(raw: #"{"id":4,"op":"config"}"#)
        let cfg = try c.readLine()
        #expect(cfg["services"]?.array?.compactMap { $0["id"]?.string } == ["hotich", "datdai"])
        #expect(cfg["counters"]?.array?.compactMap { $0["id"]?.string } == ["q1", "q2"])

        try c.send(raw: #"{"id":5,"op":"queue"}"#)
        let q = try c.readLine()
        #expect(q["ok"] == .bool(true))
        #expect(q["snapshot"]?["waiting"]?.array?.count == 0)
        #expect(q["snapshot"]?["active"]?.array?.first?["number"] == .string("A001"))
    }

    @Test func numbersArePerServiceAndPadded() throws {
        let d = try DaemonProcess()
        try d.start()
        let c = try d.client()
        let a1 = try c.issue("hotich")["ticket"]?["number"]
        let b1 = try c.issue("datdai")["ticket"]?["number"]
        let a2 = try c.issue("hotich")["ticket"]?["number"]
        #expect([a1, b1, a2] == [.string("A001"), .string("B001"), .string("A002")])
    }
}
