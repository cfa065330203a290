import Foundation
import Logging
import QuayControl
import QuaySystem
import Testing

/// A control connection that sends nothing is closed after the idle timeout; one that keeps asking stays.
@Suite struct IdleTimeoutTests {
    struct Echo: ControlHandler {
        func handle(_ request: Request, identity: AccessPolicy.Identity, peer: PeerCredentials) async -> ControlReply {
            .line(Wire.ok(request.id, Empty()))
        }
    }

    @Test func idleConnectionsAreClosedBusyOnesStay() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quay-idle-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        var options = ControlServer.Options(path: dir + "/control.sock")
        options.idleTimeout = .milliseconds(400)
        let server = ControlServer(
            options: options, access: AccessPolicy(defaultRole: .admin), handler: Echo(), logger: Logger(label: "test"))
        let (ready, readyC) = AsyncStream.makeStream(of: Void.self)
        let task = Task {
            try await server.run(onListening: {
                readyC.yield()
                readyC.finish()
            })
        }
        defer { task.cancel() }
        for await _ in ready {}
        let path = options.path
        let (idleClosedAfter, busyAlive) = await withCheckedContinuation { (c: CheckedContinuation<(Double?, Bool), Never>) in
            Thread.detachNewThread {
                guard let idle = try? ControlClient(path: path), let busy = try? ControlClient(path: path) else {
                    c.resume(returning: (nil, false))
                    return
                }
                let start = Date()
                var busyOK = true
                for _ in 0..<12 {
                    usleep(100_000)
                    busyOK = busyOK && ((try? busy.call("ping", timeoutMs: 2000))?["ok"] == .bool(true))
                }
                // The idle one was closed meanwhile: reading gets EOF at once.
                var closed = false
                do { _ = try idle.readLine(timeoutMs: 2000) } catch ControlClient.ClientError.closed { closed = true } catch {}
                c.resume(returning: (closed ? Date().timeIntervalSince(start) : nil, busyOK))
            }
        }
        #expect(idleClosedAfter != nil && idleClosedAfter! < 3, "idle connection still open")
        #expect(busyAlive, "a busy connection was closed")
    }
}
