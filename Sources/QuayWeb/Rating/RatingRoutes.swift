import Foundation
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import QuayControl

/// The counter's rating screen, a cheap tablet facing the citizen:
///
///     GET  /rate/COUNTER          the page (rate.html; rate.js and rate.css under /web/)
///     GET  /rate/COUNTER/state    {"state":<the `rating-screen` op's reply>,"texts":{…}}
///     POST /rate/COUNTER          {"ticket","score"} -> the `rate` op's reply (JSON, same origin, bounded)
///
/// Live through the hall feed (/ws), like the phone page. Acts as `WebPrincipal.ratingScreen(COUNTER)` (role
/// kiosk); an unknown counter is the op's `unknown-counter`.
public struct RatingRoutes: WebRouteGroup {
    let gateway: any WebGateway
    let assets: WebAssets

    static let files = ["rate.html", "rate.js", "rate.css"]

    public init(gateway: any WebGateway, publicDirectory: String? = nil) throws(HallAssets.LoadError) {
        self.gateway = gateway
        self.assets = try WebAssets(names: Self.files, directory: publicDirectory)
    }

    struct Form: Decodable { var ticket: String, score: Int }

    static func counterShaped(_ s: String) -> Bool { (1...32).contains(s.utf8.count) && s.utf8.allSatisfy { $0 > 0x20 && $0 < 0x7F } }

    public func register(on router: Router<BasicWebSocketRequestContext>) {
        let gateway = self.gateway, assets = self.assets
        for name in ["rate.js", "rate.css"] {
            router.get(RouterPath("/web/" + name)) { _, _ in assets.response(name) }
        }
        router.get("/rate/:counter") { _, _ in assets.response("rate.html") }
        router.get("/rate/:counter/state") { _, context -> Response in
            guard let counter = context.parameters.get("counter"), Self.counterShaped(counter) else { return WebResponses.notFound() }
            var reply = await gateway.call(OpCatalog.ratingScreen, CounterRequest(counter: counter), as: .ratingScreen(counter: counter))
            if reply.last == 0x0A { reply.removeLast() }
            let texts = await gateway.texts(prefixes: ["rate."])
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys]
            let t = (try? e.encode(texts)).map(Array.init) ?? Array("{}".utf8)
            return WebResponses.json(Array(#"{"state":"#.utf8) + reply + Array(#","texts":"#.utf8) + t + [0x7D])
        }
        router.post("/rate/:counter") { request, context -> Response in
            guard let counter = context.parameters.get("counter"), Self.counterShaped(counter) else { return WebResponses.notFound() }
            let body: ByteBuffer
            do throws(WebRequestGuard.Refusal) { body = try await WebRequestGuard.jsonBody(request, limit: 256) } catch {
                return error.response
            }
            guard let f = try? JSONDecoder().decode(Form.self, from: Data(body.readableBytesView)), (1...4).contains(f.score),
                (1...64).contains(f.ticket.utf8.count)
            else { return WebResponses.text(.badRequest, "expected {ticket, score: 1-4}") }
            let r = RateRequest(counter: counter, ticket: f.ticket, score: f.score)
            return WebResponses.json(await gateway.call(OpCatalog.rate, r, as: .ratingScreen(counter: counter)))
        }
    }
}
