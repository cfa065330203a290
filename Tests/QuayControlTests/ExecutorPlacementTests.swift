import Foundation
import Logging
import Testing
import QuayControl

/// Which thread answers which op: short ops on the connection's NIO event loop (no hops), everything else off it.
@Suite("ControlServer runs short ops on the event loop and the rest off it", .timeLimit(.minutes(1)))
struct ExecutorPlacementTests {
    /// Held by "dossier-import" (standing in for any op that blocks) until the test signals it (or 5 s pass).
    static let gate = DispatchSemaphore(value: 0)
    /// Signalled by "dossier-import" when it starts holding its thread.
    static let blocking = DispatchSemaphore(value: 0)

    /// Replies with the name of the thread the handler ran on; "block" blocks that thread on `gate` and says
    /// whether the test released it (true) or the wait timed out (false).
    struct ThreadReporter: ControlHandler {
        struct Body: Encodable, Sendable {
            var thread: String
            var released: Bool?
        }
        func handle(_ request: Request, identity: AccessPolicy.Identity, peer: PeerCredentials) async -> ControlReply {
            var released: Bool?
            if request.op == "dossier-import" {
                ExecutorPlacementTests.blocking.signal()
                released = ExecutorPlacementTests.gate.wait(timeout: .now() + 5) == .success
            }
            return .line(Wire.ok(request.id, Body(thread: ExecutorPlacementTests.currentThreadName(), released: released)))
        }
    }

    static func currentThreadName() -> String {
        // The kernel's name of the calling thread (NIO names its loops NIO-ELT-…).
        let comm = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
        return comm.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Runs a blocking client call on a Dispatch thread, not on one of the test's cooperative threads.
    func call(_ path: String, _ op: String) async throws -> JSONValue {
        try await withCheckedThrowingContinuation { c in
            DispatchQueue.global().async {
                do { c.resume(returning: try ControlClient(path: path).call(op, timeoutMs: 10_000)) } catch { c.resume(throwing: error) }
            }
        }
    }

    func withServer(_ body: (String) async throws -> Void) async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quay-exec-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var options = ControlServer.Options(path: dir + "/control.sock")
        options.eventLoopOps = ["ping"]
        let server = ControlServer(
            options: options, access: AccessPolicy(defaultRole: .admin),
            handler: ThreadReporter(), logger: Logger(label: "test"))
        let (ready, readyC) = AsyncStream.makeStream(of: Void.self)
        let task = Task {
            try await server.run(onListening: {
                readyC.yield()
                readyC.finish()
            })
        }
        for await _ in ready {}
        do { try await body(options.path) } catch {
            task.cancel()
            _ = await task.result
            throw error
        }
        task.cancel()
        _ = await task.result
    }

    @Test("ping is answered on an NIO event loop thread, an unlisted op is not")
    func placement() async throws {
        try await withServer { path in
            let ping = try await call(path, "ping")["thread"]?.string ?? ""
            let other = try await call(path, "dossier-stats")["thread"]?.string ?? ""
            #expect(ping.hasPrefix("NIO-"), "ping ran on \(ping)")
            #expect(!other.hasPrefix("NIO-") && !other.isEmpty, "dossier-stats ran on \(other)")
        }
    }

    @Test("an op that blocks its thread off the loop does not hold up ping on other connections")
    func blockingOffLoop() async throws {
        try await withServer { path in
            async let blocked = call(path, "dossier-import")
            // The pings and the release run on one Dispatch thread, never waiting for a cooperative thread: "block"
            // holds one of the test process's few cooperative threads, and other suites may hold the rest.
            // Connections spread over every event loop of the group; each ping must be answered while "block"
            // still holds its thread (the gate is only released after the last ping replied).
            let pings: [Bool] = try await withCheckedThrowingContinuation { c in
                DispatchQueue.global().async {
                    defer { Self.gate.signal() }
                    guard Self.blocking.wait(timeout: .now() + 10) == .success else {
                        return c.resume(returning: [])
                    }
                    do {
                        c.resume(
                            returning: try (0..<4).map { _ in
                                try ControlClient(path: path).call("ping", timeoutMs: 10_000)["ok"]?.bool == true
                            })
                    } catch { c.resume(throwing: error) }
                }
            }
            #expect(pings == [true, true, true, true], "block never started, or a ping failed")
            let b = try await blocked
            let thread = b["thread"]?.string ?? ""
            #expect(b["released"]?.bool == true, "block timed out: the pings waited for it")
            #expect(!thread.hasPrefix("NIO-") && !thread.isEmpty, "block ran on \(thread)")
        }
    }
}
