import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore

/// `/report`: the report page and its downloads (PDF, XLSX, CSV, PNG), made by the daemon from the query
/// parameters (at most 16, each at most 64 characters: a period, filters, a language, a format, a table), for a
/// signed-in technician or admin (the clerk console's session: sign in at `/clerk?next=/report`). A signed-in
/// clerk gets 403; nobody signed in is sent to the sign-in page, except while no technician or admin account
/// exists on a loopback-only web server (`ReportAccess.openWithoutAccounts`), as before accounts existed.
enum ReportRoute {
    static let maxParameters = 16, maxValue = 64

    static func add(to router: Router<BasicWebSocketRequestContext>, access: ReportAccess, sessions: ClerkSessions, gateway: any WebGateway)
    {
        router.get("/report") { request, _ -> Response in
            var query: [String: String] = [:]
            for (k, v) in request.uri.queryParameters {
                guard query.count < maxParameters, k.count <= maxValue, v.count <= maxValue else {
                    return text(.badRequest, "too many or too long query parameters\n")
                }
                query[String(k)] = String(v).removingPercentEncoding ?? String(v)
            }
            let principal: WebPrincipal
            if let s = await sessions.load(request) {
                guard let p = await gateway.reportPrincipal(user: s.user) else { return refusedPage }
                principal = p
            } else if access.openWithoutAccounts, await !gateway.hasReportAccounts() {
                principal = .staff(user: "report-loopback", admin: false)
            } else {
                return Response(status: .seeOther, headers: [.location: "/clerk?next=/report", .cacheControl: "no-store"])
            }
            let q = query
            guard let reply = await MonitoringRoutes.withTimeout(access.timeout, { await access.render(q, principal) }) else {
                return text(.serviceUnavailable, "the report took too long\n")
            }
            var headers: HTTPFields = [.contentType: reply.contentType, .cacheControl: "no-store"]
            if let name = reply.filename { headers[.contentDisposition] = "attachment; filename=\"\(name)\"" }
            return Response(
                status: .init(code: reply.status), headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: reply.body)))
        }
    }

    /// A signed-in account that may not read reports (a clerk): what to do instead.
    static var refusedPage: Response {
        let html = """
            <!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Quay · Báo cáo</title>
            <style>body{font-family:"Noto Sans",sans-serif;margin:3rem;color:#111;font-size:20px}a{color:#0b3d91}</style></head>
            <body><h1>Báo cáo</h1>
            <p>Báo cáo chỉ dành cho tài khoản kỹ thuật viên hoặc quản trị (technician/admin).</p>
            <p>Reports are for technician and admin accounts.</p>
            <p><a href="/clerk">Trang quầy (đăng xuất rồi đăng nhập bằng tài khoản khác) · Counter console (sign out there)</a></p>
            </body></html>

            """
        return Response(
            status: .forbidden, headers: [.contentType: "text/html; charset=utf-8", .cacheControl: "no-store"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: html)))
    }

    static func text(_ status: HTTPResponse.Status, _ s: String) -> Response {
        Response(
            status: status, headers: [.contentType: "text/plain; charset=utf-8"], body: ResponseBody(byteBuffer: ByteBuffer(string: s)))
    }
}
