import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import QuayControl

/// The "my ticket" phone page, opened from the QR on the kiosk's confirmation screen:
///
///     GET /t/TOKEN          the page (ticket.html; ticket.js and ticket.css under /web/)
///     GET /t/TOKEN/status   {"status":<the `ticket-status` op's reply>,"texts":{key:{lang:text}}}
///     GET /t/TOKEN/qr.svg   the QR of the page's address (`publicURL`, else the address the request came to)
///
/// The token is the ticket's follow token (128 random bits), never its sequential id: the page shows that ticket
/// only, and a token of another day is refused like an unknown one. Live: the page listens to the hall feed on
/// `/ws` and re-reads its status when something changes (no polling).
public struct TicketPageRoutes: WebRouteGroup {
    let gateway: any WebGateway
    let assets: WebAssets
    let publicURL: String?
    let qrSVG: @Sendable (String) -> String?

    static let textPrefixes = ["follow.", "ticket.", "hall.calling"]
    static let files = ["ticket.html", "ticket.js", "ticket.css"]

    public init(
        gateway: any WebGateway, publicURL: String?, qrSVG: @escaping @Sendable (String) -> String?, publicDirectory: String? = nil
    ) throws(HallAssets.LoadError) {
        self.gateway = gateway
        self.publicURL = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
        self.qrSVG = qrSVG
        self.assets = try WebAssets(names: Self.files, directory: publicDirectory)
    }

    /// 22 characters of A-Z a-z 0-9 - _ (what quayd hands out); anything else is answered without asking quayd.
    static func isTokenShaped(_ s: String) -> Bool {
        s.utf8.count == 22
            && s.utf8.allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F
            }
    }

    public func register(on router: Router<BasicWebSocketRequestContext>) {
        let gateway = self.gateway, assets = self.assets, publicURL = self.publicURL, qrSVG = self.qrSVG
        for name in ["ticket.js", "ticket.css"] {
            router.get(RouterPath("/web/" + name)) { _, _ in assets.response(name) }
        }
        router.get("/t/:token") { _, _ in assets.response("ticket.html") }
        router.get("/t/:token/status") { _, context -> Response in
            let token = context.parameters.get("token") ?? ""
            // A malformed token is asked like any other (quayd answers "unknown-ticket" with the citizen text).
            let r = TicketStatusRequest(token: Self.isTokenShaped(token) ? token : "-")
            var status = await gateway.call(OpCatalog.ticketStatus, r, as: .phone)
            if status.last == 0x0A { status.removeLast() }
            let texts = await gateway.texts(prefixes: Self.textPrefixes)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let textJSON = (try? encoder.encode(texts)).map(Array.init) ?? Array("{}".utf8)
            return WebResponses.json(Array(#"{"status":"#.utf8) + status + Array(#","texts":"#.utf8) + textJSON + [0x7D])
        }
        router.get("/t/:token/qr.svg") { request, context -> Response in
            guard let token = context.parameters.get("token"), Self.isTokenShaped(token) else { return WebResponses.notFound() }
            let base = publicURL ?? "http://" + (request.head.authority ?? "127.0.0.1")
            guard let svg = qrSVG(base + "/t/" + token) else { return WebResponses.notFound() }
            return Response(
                status: .ok, headers: [.contentType: "image/svg+xml", .cacheControl: "no-store"],
                body: ResponseBody(byteBuffer: ByteBuffer(string: svg)))
        }
    }
}
