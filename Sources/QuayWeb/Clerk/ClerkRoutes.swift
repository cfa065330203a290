import Foundation
import Hummingbird
import HummingbirdAuth
import HummingbirdWebSocket
import NIOCore
import QuayControl

/// The clerk console (login; one page per counter):
///
///     GET  /clerk              the page (clerk.html; clerk.js and clerk.css under /web/)
///     POST /clerk/login        {"user","password"} -> session cookie + {"user","counters","csrf"}; 401 refused, 423 locked,
///                              429 {"error":"busy","retryAfter":"S"} over the global sign-in bound (`SignInThrottle`)
///     GET  /clerk/session      {"user","counters","csrf"} or 401
///     POST /clerk/logout       (X-CSRF-Token)
///     POST /clerk/action       {"action","counter",…} (X-CSRF-Token) -> the op's reply (`ClerkAction`)
///     GET  /report             the report page for technician/admin accounts (`ReportRoute`, when given `ReportAccess`)
///     GET  /clerk/ws           WebSocket: {"queue":<queue reply>,"counters":<counters reply>} now and after every
///                              change of the queue (pushed by the hall feed; no polling)
///
/// Every POST passes `WebRequestGuard` (JSON, same origin, bounded) and, once signed in, the session's CSRF token.
/// A clerk acts as `WebPrincipal.clerk` with the account's counters, re-read from the store on every request, so a
/// disabled account stops at once; the op table's role and counter checks apply as on the socket.
public struct ClerkRoutes: WebRouteGroup {
    let gateway: any WebGateway
    let feed: any HallFeed
    let assets: WebAssets
    let sessions: ClerkSessions
    let throttle: SignInThrottle
    let report: ReportAccess?

    static let files = ["clerk.html", "clerk.js", "clerk.css"]

    public init(
        gateway: any WebGateway, feed: any HallFeed, secureCookie: Bool, throttle: SignInThrottle = SignInThrottle(perMinute: 30),
        report: ReportAccess? = nil, publicDirectory: String? = nil
    ) throws(HallAssets.LoadError) {
        self.throttle = throttle
        self.report = report
        self.gateway = gateway
        self.feed = feed
        self.assets = try WebAssets(names: Self.files, directory: publicDirectory)
        self.sessions = ClerkSessions(secureCookie: secureCookie)
    }

    struct Login: Decodable { var user: String, password: String }
    struct SessionView: Encodable { var user: String, counters: [String]?, csrf: String }

    static func json(_ v: some Encodable, status: HTTPResponse.Status = .ok) -> Response {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return WebResponses.json((try? e.encode(v)).map(Array.init) ?? Array("{}".utf8), status: status)
    }

    static func counters(_ p: WebPrincipal) -> [String]? {
        if case .clerk(_, let c) = p { return c }
        return nil
    }

    public func register(on router: Router<BasicWebSocketRequestContext>) {
        let gateway = self.gateway, assets = self.assets, sessions = self.sessions, feed = self.feed, throttle = self.throttle
        for name in ["clerk.js", "clerk.css"] {
            router.get(RouterPath("/web/" + name)) { _, _ in assets.response(name) }
        }
        router.get("/clerk") { _, _ in assets.response("clerk.html") }
        if let report { ReportRoute.add(to: router, access: report, sessions: sessions, gateway: gateway) }

        router.post("/clerk/login") { request, _ -> Response in
            let body: ByteBuffer
            do throws(WebRequestGuard.Refusal) { body = try await WebRequestGuard.jsonBody(request, limit: 1024) } catch {
                return error.response
            }
            guard let login = try? JSONDecoder().decode(Login.self, from: Data(body.readableBytesView)),
                (1...64).contains(login.user.utf8.count), (1...128).contains(login.password.utf8.count)
            else { return WebResponses.text(.badRequest, "expected {user, password}") }
            if case .busy(let wait, let first) = throttle.attempt() {
                if first { await gateway.recordSignInThrottled(user: login.user) }
                return Self.json(["error": "busy", "retryAfter": String(wait)], status: .tooManyRequests)
            }
            switch await gateway.login(user: login.user, password: login.password) {
            case .refused: return Self.json(["error": "refused"], status: .unauthorized)
            case .locked(let until): return Self.json(["error": "locked", "until": String(Int(until))], status: .init(code: 423))
            case .ok(let principal):
                let s = ClerkSession(user: login.user, csrf: ClerkSession.newCSRF())
                guard let cookie = try? await sessions.storage.save(session: s, expiresIn: sessions.lifetime) else {
                    return WebResponses.text(.internalServerError, "session not stored")
                }
                var r = Self.json(SessionView(user: s.user, counters: Self.counters(principal), csrf: s.csrf))
                r.setCookie(cookie)
                return r
            }
        }

        router.get("/clerk/session") { request, _ -> Response in
            guard let s = await sessions.load(request), let p = await gateway.principal(user: s.user) else {
                return Self.json(["error": "signed-out"], status: .unauthorized)
            }
            return Self.json(SessionView(user: s.user, counters: Self.counters(p), csrf: s.csrf))
        }

        router.post("/clerk/logout") { request, _ -> Response in
            switch await Self.signedIn(request, sessions, gateway, limit: 64) {
            case .failure(let r): return r.response
            case .success:
                if let s = await sessions.load(request) { await gateway.recordSignOut(user: s.user) }
                var r = Self.json(["ok": "signed-out"])
                if let cookie = try? await sessions.storage.delete(request: request) { r.setCookie(cookie) }
                return r
            }
        }

        router.post("/clerk/action") { request, _ -> Response in
            switch await Self.signedIn(request, sessions, gateway, limit: ClerkAction.maxBody) {
            case .failure(let r): return r.response
            case .success(let (principal, body)):
                guard let action = ClerkAction.decode(body.readableBytesView) else {
                    return WebResponses.text(
                        .badRequest,
                        "expected {action, counter, ticket?, toService?, toCounter?, reason?} or a dossier action with its fields")
                }
                return WebResponses.json(await action.run(gateway, as: principal))
            }
        }

        router.ws("/clerk/ws") { request, _ in
            guard let s = await sessions.load(request), await gateway.principal(user: s.user) != nil else { return .dontUpgrade }
            return .upgrade([:])
        } onUpgrade: { inbound, outbound, context in
            guard let s = await sessions.load(context.request) else { return }
            try await ClerkFeed.serve(user: s.user, gateway: gateway, feed: feed, inbound: inbound, outbound: outbound)
        }
    }

    /// A signed-in, same-origin JSON POST carrying the session's CSRF token: the clerk's principal and the body.
    static func signedIn(_ request: Request, _ sessions: ClerkSessions, _ gateway: any WebGateway, limit: Int) async
        -> Result<(WebPrincipal, ByteBuffer), ResponseFailure>
    {
        let body: ByteBuffer
        do throws(WebRequestGuard.Refusal) { body = try await WebRequestGuard.jsonBody(request, limit: limit) } catch {
            return .failure(ResponseFailure(error.response))
        }
        guard let s = await sessions.load(request), let p = await gateway.principal(user: s.user) else {
            return .failure(ResponseFailure(Self.json(["error": "signed-out"], status: .unauthorized)))
        }
        guard let token = request.headers[.init("X-CSRF-Token")!], token == s.csrf else {
            return .failure(ResponseFailure(WebResponses.text(.forbidden, "missing or wrong CSRF token")))
        }
        return .success((p, body))
    }
}

/// A ready response carried as an error of a `Result`.
struct ResponseFailure: Error, @unchecked Sendable {
    let response: Response
    init(_ r: Response) { response = r }
}
