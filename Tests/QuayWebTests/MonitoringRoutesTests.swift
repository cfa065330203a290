import Foundation
import Testing
@testable import QuayWeb

/// `/metrics` and `/healthz` on a real HallServer: what the probes say, and a wedged probe answered by its deadline.
@Suite("Monitoring routes", .serialized)
struct MonitoringRoutesTests {
    private func start(_ probes: HallProbes?) async throws -> (Task<Void, any Error>, Int) {
        let server = try HallServer(
            feed: TestHallFeed(HallSnapshot()), configuration: .init(host: "127.0.0.1", port: 0), probes: probes)
        let (ports, cont) = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run { port in cont.yield(port) } }
        var it = ports.makeAsyncIterator()
        guard let bound = await it.next(), bound > 0 else { throw TestSocket.Failure(description: "server did not start") }
        return (task, bound)
    }

    @Test func probesAnswerAndProblemsAre503() async throws {
        let probes = HallProbes(
            metrics: { Array("# TYPE quay_x gauge\nquay_x 1.0\n".utf8) },
            health: { HealthStatus(problems: [.init(component: "device printer-0", detail: "printer fault: paper-out")]) })
        let (task, port) = try await start(probes)
        defer { task.cancel() }
        let metrics = try await TestSocket.onThread { try TestSocket.get(port: port, path: "/metrics") }
        #expect(metrics.0 == 200 && metrics.1.contains("quay_x 1.0"), "\(metrics)")
        let health = try await TestSocket.onThread { try TestSocket.get(port: port, path: "/healthz") }
        #expect(health.0 == 503, "\(health)")
        let body = try JSONDecoder().decode(HealthStatus.self, from: Data(health.1.utf8))
        #expect(body.status == "unhealthy" && body.problems.first?.component == "device printer-0")
    }

    @Test func aWedgedProbeIsA503AtItsDeadline() async throws {
        let probes = HallProbes(
            metrics: {
                try? await Task.sleep(for: .seconds(30))
                return []
            },
            health: {
                try? await Task.sleep(for: .seconds(30))
                return HealthStatus(problems: [])
            }, timeout: .milliseconds(300))
        let (task, port) = try await start(probes)
        defer { task.cancel() }
        let started = Date()
        let health = try await TestSocket.onThread { try TestSocket.get(port: port, path: "/healthz") }
        let metrics = try await TestSocket.onThread { try TestSocket.get(port: port, path: "/metrics") }
        #expect(health.0 == 503 && health.1.contains("timed out"), "\(health)")
        #expect(metrics.0 == 503, "\(metrics)")
        #expect(Date().timeIntervalSince(started) < 4)
    }

    @Test func withoutProbesHealthzStaysOk() async throws {
        let (task, port) = try await start(nil)
        defer { task.cancel() }
        let health = try await TestSocket.onThread { try TestSocket.get(port: port, path: "/healthz") }
        #expect(health.0 == 200 && health.1 == "ok")
        let metrics = try await TestSocket.onThread { try TestSocket.get(port: port, path: "/metrics") }
        #expect(metrics.0 == 404)
    }
}
