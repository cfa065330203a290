import Foundation
import QuayControl
import Testing

/// `issue` with `args.idempotencyKey`: a retried request gets the ticket its key issued, never a second number,
/// even when the retries race each other on separate connections or arrive after a restart of quayd.
@Suite struct IdempotentIssueTests {
    static func issue(_ c: ControlClient, key: String, language: String = "km") throws -> JSONValue {
        try c.call(
            "issue", ["service": .string("hotich"), "language": .string(language), "args": .object(["idempotencyKey": .string(key)])])
    }

    @Test func aReplayedKeyGetsTheSameTicketEvenRacingAndAfterARestart() throws {
        let dir = TempDir("quay-idem")
        let d = try DaemonProcess(config: TestConfig.basic, dir: dir)
        try d.start()
        let key = "0123456789abcdef0123456789abcdef"
        // Eight connections send the same key at once: one ticket, seven replays.
        let replies = NSLock()
        nonisolated(unsafe) var got: [JSONValue] = []
        let socket = d.socket
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            guard let c = try? ControlClient(path: socket), let r = try? Self.issue(c, key: key) else { return }
            replies.withLock { got.append(r) }
        }
        #expect(got.count == 8)
        #expect(Set(got.compactMap { $0["ticket"]?["number"]?.string }) == ["A001"], "\(got)")
        #expect(got.filter { $0["replayed"] == .bool(true) }.count == 7, "\(got)")
        #expect(got.filter { $0["replayed"] == .bool(false) }.count == 1, "\(got)")

        // Another key is another citizen.
        let c = try d.client()
        #expect(try Self.issue(c, key: "another-key-0001")["ticket"]?["number"] == .string("A002"))
        // A request without a key is never replayed.
        #expect(try c.issue()["replayed"] == nil)

        // The key is durable: after a restart the retry still gets A001.
        d.stop()
        let again = try DaemonProcess(config: TestConfig.basic, dir: dir)
        try again.start()
        defer { again.stop() }
        let r = try Self.issue(try again.client(), key: key)
        #expect(r["ticket"]?["number"] == .string("A001"), "\(r)")
        #expect(r["replayed"] == .bool(true))
        #expect(r["waitingAhead"] == .number(0))
    }

    @Test func aMalformedKeyIsRefusedBeforeANumberIsTaken() throws {
        let d = try DaemonProcess(config: TestConfig.basic, dir: TempDir("quay-idem-bad"))
        try d.start()
        defer { d.stop() }
        let c = try d.client()
        for bad in ["short", String(repeating: "a", count: 65), "has space in it", "ключ-ключ-ключ"] {
            let r = try Self.issue(c, key: bad)
            #expect(r["error"]?["code"] == .string("invalid-field"), "\(bad): \(r)")
        }
        #expect(try c.issue()["ticket"]?["number"] == .string("A001"))
    }
}
