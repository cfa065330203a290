import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// `/report`: the report page and its downloads (PDF, XLSX, CSV, PNG), made by the daemon from the query
/// parameters (at most 8, each at most 64 characters: a period, a language, a format, a table). Registered only
/// when the daemon passes `HallProbes.report` (it does while the web server listens on loopback only, until the
/// web login exists). Same deadline as the probes.
enum ReportRoute {
    static let maxParameters = 8, maxValue = 64

    static func add(to router: Router<BasicWebSocketRequestContext>, probes: HallProbes) {
        guard let report = probes.report else { return }
        router.get("/report") { request, _ -> Response in
            var query: [String: String] = [:]
            for (k, v) in request.uri.queryParameters {
                guard query.count < maxParameters, k.count <= maxValue, v.count <= maxValue else {
                    return text(.badRequest, "too many or too long query parameters\n")
                }
                query[String(k)] = String(v).removingPercentEncoding ?? String(v)
            }
            let q = query
            guard let reply = await MonitoringRoutes.withTimeout(probes.reportTimeout, { await report(q) }) else {
                return text(.serviceUnavailable, "the report took too long\n")
            }
            var headers: HTTPFields = [.contentType: reply.contentType, .cacheControl: "no-store"]
            if let name = reply.filename { headers[.contentDisposition] = "attachment; filename=\"\(name)\"" }
            return Response(
                status: .init(code: reply.status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
        }
    }

    static func text(_ status: HTTPResponse.Status, _ s: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: s)))
    }
}
