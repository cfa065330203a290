import QuayControl

/// How the web pages reach the queue: through the daemon's op table, with the same role and counter checks as the
/// control socket. QuayWeb builds an op's typed request (`OpCatalog` spec + its `OpRequest`) and gets back the reply
/// line the socket would send; it never sees the queue itself. quayd implements it with `OpTable.dispatch`.
public protocol WebGateway: Sendable {
    /// Runs the op `spec` with `request` as `principal`; the reply is the control socket's JSON line
    /// (`{"ok":true,…}` or `{"ok":false,"error":{…}}`), so pages read the same fields and citizen texts as every
    /// other client.
    func call<Q: OpRequest>(_ spec: OpSpec, _ request: Q, as principal: WebPrincipal) async -> [UInt8]

    /// Citizen texts of the message catalogue whose keys start with one of `prefixes`: key → language → text.
    func texts(prefixes: [String]) async -> [String: [String: String]]

    /// Checks a web account's password (bcrypt, off the event loops) and records the attempt (lockout).
    func login(user: String, password: String) async -> WebLogin

    /// The principal a signed-in `user` acts as now: nil once the account is disabled or gone (the session ends).
    func principal(user: String) async -> WebPrincipal?

    /// Whether `name` is a configured kiosk (`[web] kiosks`); other names get no kiosk page.
    func isKiosk(_ name: String) -> Bool
}
