import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// `/metrics` and `/healthz` on the hall server (same connection cap, idle and request timeouts as the page).
/// Each probe runs under `HallProbes.timeout`; a probe that does not answer in time is a 503.
enum MonitoringRoutes {
    static func add(to router: Router<BasicWebSocketRequestContext>, probes: HallProbes?) {
        guard let probes else {
            router.get("/healthz") { _, _ in "ok" }
            return
        }
        router.get("/metrics") { _, _ -> Response in
            guard let bytes = await withTimeout(probes.timeout, probes.metrics) else {
                return Response(status: .serviceUnavailable, body: ResponseBody(byteBuffer: ByteBuffer(string: "metrics timed out\n")))
            }
            return Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
        }
        router.get("/healthz") { _, _ -> Response in
            let status =
                await withTimeout(probes.timeout, probes.health)
                ?? HealthStatus(problems: [.init(component: "quayd", detail: "health check timed out")])
            let json = (try? JSONEncoder().encode(status)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            return Response(
                status: status.healthy ? .ok : .serviceUnavailable,
                headers: [.contentType: "application/json", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: json + "\n")))
        }
    }

    /// `body`'s result, or nil when it takes longer than `limit`. The route answers at the deadline; a body still
    /// running finishes on its own (its result is dropped), so a wedged probe never holds the connection.
    static func withTimeout<T: Sendable>(_ limit: Duration, _ body: @escaping @Sendable () async -> T) async -> T? {
        let answer = FirstAnswer<T?>()
        return await withCheckedContinuation { cont in
            answer.wait(cont)
            let work = Task { answer.give(await body()) }
            Task {
                try? await Task.sleep(for: limit)
                if answer.give(nil) { work.cancel() }
            }
        }
    }
}
