import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import QuayControl

/// The kiosk touch screen (no login) for each configured kiosk name:
///
///     GET  /kiosk/NAME          the page (kiosk.html; kiosk.js and kiosk.css under /web/)
///     GET  /kiosk/NAME/menu     {"config":<the `config` op's reply>,"texts":{key:{lang:text}}}
///     POST /kiosk/NAME/issue    {"service","language","priority"?,"key"} -> the `issue` op's reply
///     POST /kiosk/NAME/return   {"code","language"} -> the `issue-return` op's reply (a receipt typed on screen)
///     GET  /kiosk/NAME/ws       WebSocket: the scans of this kiosk's scanner (`KioskScanFeed`)
///
/// Every request acts as `WebPrincipal.kiosk(NAME)` through the gateway (role kiosk, the kiosk's printer); an
/// unknown NAME is a 404. The issue carries the tap's idempotency key, so a retried POST gets the same ticket.
public struct KioskRoutes: WebRouteGroup {
    let gateway: any WebGateway
    let assets: WebAssets

    /// Catalogue keys the page shows (its own texts, the ticket lines it repeats, printer refusals).
    static let textPrefixes = ["kiosk.", "ticket.", "printer."]
    static let files = ["kiosk.html", "kiosk.js", "kiosk.css"]

    public init(gateway: any WebGateway, publicDirectory: String? = nil) throws(HallAssets.LoadError) {
        self.gateway = gateway
        self.assets = try WebAssets(names: Self.files, directory: publicDirectory)
    }

    public func register(on router: Router<BasicWebSocketRequestContext>) {
        let gateway = self.gateway, assets = self.assets
        for name in ["kiosk.js", "kiosk.css"] {
            router.get(RouterPath("/web/" + name)) { _, _ in assets.response(name) }
        }
        router.get("/kiosk/:name") { _, context -> Response in
            guard let name = context.parameters.get("name"), gateway.isKiosk(name) else { return WebResponses.notFound() }
            return assets.response("kiosk.html")
        }
        router.get("/kiosk/:name/menu") { _, context -> Response in
            guard let name = context.parameters.get("name"), gateway.isKiosk(name) else { return WebResponses.notFound() }
            var config = await gateway.call(OpCatalog.config, EmptyRequest(), as: .kiosk(name))
            if config.last == 0x0A { config.removeLast() }
            let texts = await gateway.texts(prefixes: Self.textPrefixes)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let textJSON = (try? encoder.encode(texts)).map(Array.init) ?? Array("{}".utf8)
            return WebResponses.json(Array(#"{"config":"#.utf8) + config + Array(#","texts":"#.utf8) + textJSON + [0x7D])
        }
        router.ws("/kiosk/:name/ws") { request, context in
            guard let name = context.parameters.get("name"), gateway.isKiosk(name) else { return .dontUpgrade }
            // Browsers send Origin on a WebSocket handshake: a page of another site may not listen to the scans.
            do throws(WebRequestGuard.Refusal) { try WebRequestGuard.checkOrigin(request) } catch { return .dontUpgrade }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let name = context.requestContext.parameters.get("name") else { return }
            try await KioskScanFeed.serve(kiosk: name, gateway: gateway, inbound: inbound, outbound: outbound)
        }
        router.post("/kiosk/:name/issue") { request, context -> Response in
            await Self.post(request, context, gateway) { name, body in
                guard let form = try? KioskIssueForm.decode(body.readableBytesView), let issue = form.request(kiosk: name) else {
                    return WebResponses.text(.badRequest, "expected {service, language: vi|km|en, priority?, key}")
                }
                return WebResponses.json(await gateway.call(OpCatalog.issue, issue, as: .kiosk(name)))
            }
        }
        router.post("/kiosk/:name/return") { request, context -> Response in
            await Self.post(request, context, gateway) { name, body in
                guard let form = try? JSONDecoder().decode(KioskReturnForm.self, from: Data(body.readableBytesView)),
                    let r = form.request(kiosk: name)
                else { return WebResponses.text(.badRequest, "expected {code, language: vi|km|en}") }
                return WebResponses.json(await gateway.call(OpCatalog.issueReturn, r, as: .kiosk(name)))
            }
        }
    }

    /// A kiosk POST: a known kiosk name (else 404) and a bounded same-origin JSON body (else the guard's refusal),
    /// then `handle`.
    static func post(
        _ request: Request, _ context: BasicWebSocketRequestContext, _ gateway: any WebGateway,
        _ handle: (String, ByteBuffer) async -> Response
    ) async -> Response {
        guard let name = context.parameters.get("name"), gateway.isKiosk(name) else { return WebResponses.notFound() }
        let body: ByteBuffer
        do throws(WebRequestGuard.Refusal) {
            body = try await WebRequestGuard.jsonBody(request, limit: KioskIssueForm.maxBody)
        } catch {
            return error.response
        }
        return await handle(name, body)
    }
}
