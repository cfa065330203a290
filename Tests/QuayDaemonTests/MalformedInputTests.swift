import Foundation
import QuayControl
import QuaySystem
import Testing

/// Bad input gets a typed error; the daemon never crashes or blocks other clients.
@Suite struct MalformedInputTests {
    @Test(arguments: [
        (#"{"id":1,"op":"issue""#, "bad-json"),
        (#"not json at all"#, "bad-json"),
        (#"{"id":1}"#, "bad-request"),
        (#"{"id":1,"op":42}"#, "bad-request"),
        (#"{"id":1,"op":"teleport"}"#, "unknown-op"),
        (#"{"id":1,"op":"issue"}"#, "missing-field"),
        (#"{"id":1,"op":"issue","service":"nope"}"#, "unknown-service"),
        (#"{"id":1,"op":"issue","service":"hotich","language":"fr"}"#, "invalid-field"),
        (#"{"id":1,"op":"issue","service":"hotich","priority":"vip"}"#, "unknown-priority"),
        (#"{"id":1,"op":"call-next","counter":"q9"}"#, "unknown-counter"),
        (#"{"id":1,"op":"counter","counter":"q1","state":"exploded"}"#, "invalid-field"),
        (#"{"id":1,"op":"transfer","ticket":"A001"}"#, "missing-field"),
        (#"{"id":1,"op":"recall","counter":"q1","ticket":"Z999"}"#, "unknown-ticket"),
        (#"[1,2,3]"#, "bad-request"),
        // Whole numbers beyond Int64 where an op reads an integer or a code (found by scripts/fuzz/protocol_fuzz.py:
        // each used to trap in a Double -> Int conversion and kill quayd).
        (#"{"id":1,"op":"issue-return","args":{"code":-1e19}}"#, "bad-request"),
        (#"{"id":1,"op":"issue-return","args":{"code":1e300}}"#, "bad-request"),
    ])
    func badRequestsGetTypedErrors(line: String, code: String) throws {
        let d = try Self.shared()
        let c = try d.client()
        try c.send(raw: line)
        let r = try c.readLine()
        #expect(r["ok"] == .bool(false), "\(line)")
        #expect(r["error"]?["code"] == .string(code), "\(line) → \(r)")
        // The connection stays usable after an error.
        #expect(try c.call("ping")["ok"] == .bool(true))
    }

    @Test func hugeNumbersWhereAnOpReadsAnIntegerAreRefusedNamingTheField() throws {
        let d = try Self.shared()
        let c = try d.client()
        for line in [#"{"id":1,"op":"results-ready","args":{"limit":1e300}}"#, #"{"id":2,"op":"results-ready","args":{"limit":-1e19}}"#] {
            try c.send(raw: line)
            let r = try c.readLine()
            #expect(r["error"]?["code"] == .string("bad-request"), "\(line) → \(r)")
            #expect(r["error"]?["message"]?.string?.contains("args.limit") == true, "\(line) → \(r)")
        }
        #expect(try c.call("ping")["ok"] == .bool(true))
    }

    @Test func overlongLineIsRefusedAndConnectionClosed() throws {
        let d = try Self.shared()
        let c = try d.client()
        let big = "{\"id\":1,\"op\":\"ping\",\"pad\":\"" + String(repeating: "x", count: 200_000) + "\"}"
        try c.send(raw: big)
        let r = try c.readLine()
        #expect(r["error"]?["code"] == .string("line-too-long"))
        #expect(throws: ControlClient.ClientError.self) { _ = try c.readLine(timeoutMs: 5000) }
        #expect(try d.client().call("ping")["ok"] == .bool(true))
    }

    @Test func randomBytesAndTruncatedFramesNeverHurtTheDaemon() throws {
        let d = try Self.shared()
        var rng = SeededRandom(seed: 0xC0FFEE)
        let valid = Array(#"{"id":7,"op":"issue","service":"hotich","language":"vi"}"#.utf8)
        for round in 0..<150 {
            let fd = try UnixSocket.connect(path: d.socket)
            var payload: [UInt8]
            switch round % 3 {
            case 0: payload = (0..<Int(rng.next() % 4096)).map { _ in UInt8(truncatingIfNeeded: rng.next()) }
            case 1: payload = Array(valid.prefix(Int(rng.next() % UInt64(valid.count))))  // truncated, no newline
            default:
                payload = valid
                for _ in 0..<4 { payload[Int(rng.next() % UInt64(payload.count))] = UInt8(truncatingIfNeeded: rng.next()) }
                payload.append(0x0A)
            }
            _ = try? fd.writeAll(payload, stallTimeoutMs: 2000)
            if round % 2 == 0 { _ = try? Poll.wait(fd, for: .readable, timeoutMs: 20) }
            fd.close()
        }
        let c = try d.client()
        #expect(try c.call("ping")["ok"] == .bool(true))
        #expect(d.process.isRunning)
    }

    @Test func aClientThatNeverReadsDoesNotBlockOthers() throws {
        let d = try Self.shared()
        let hog = try UnixSocket.connect(path: d.socket)
        try hog.setNonBlocking()
        // Flood requests and never read the replies: its socket buffers fill, quayd stops reading it.
        let line = Array(#"{"id":1,"op":"config"}"#.utf8) + [0x0A]
        var sent = 0
        let deadline = monotonicNanos() + 3_000_000_000
        while monotonicNanos() < deadline {
            let n = line.withUnsafeBytes { b in (try? hog.write(b)) ?? 0 }
            if n == 0 { break }
            sent += n
        }
        let start = monotonicNanos()
        let c = try d.client()
        #expect(try c.issue()["ok"] == .bool(true))
        #expect(monotonicNanos() - start < 5_000_000_000)
        hog.close()
        #expect(sent > 0)
    }

    nonisolated(unsafe) static var daemon: DaemonProcess?
    static let lock = NSLock()
    static func shared() throws -> DaemonProcess {
        lock.lock()
        defer { lock.unlock() }
        if let d = daemon, d.process.isRunning { return d }
        let d = try DaemonProcess()
        try d.start()
        daemon = d
        return d
    }
}

/// SplitMix64: reproducible randomness for fuzz-style tests.
struct SeededRandom: RandomNumberGenerator {
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
