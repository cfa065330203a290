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

    /// Checks a web account's password (bcrypt, off the event loops) and records the attempt (lockout) and an
    /// audit row (`sign-in`, source web, outcome ok / refused / locked).
    func login(user: String, password: String) async -> WebLogin

    /// Audit rows for what the web layer decides by itself: a sign-out, a sign-in refused by the global throttle.
    func recordSignOut(user: String) async
    func recordSignInThrottled(user: String) async

    /// The principal a signed-in `user` acts as now: nil once the account is disabled or gone (the session ends).
    func principal(user: String) async -> WebPrincipal?

    /// The scans of the scanners that belong to kiosk `name` (`[[scanner]] kiosk = "NAME"`), as the kiosk screen may
    /// see them (`ScanEvent.kioskView`: no card number, no age, no dossier); ends when the caller stops iterating.
    func scans(kiosk name: String) -> AsyncStream<ScanEvent>

    /// The principal a signed-in `user` reads reports as: a technician or admin account; nil for a clerk, a
    /// disabled or a deleted account.
    func reportPrincipal(user: String) async -> WebPrincipal?

    /// Whether any technician or admin web account exists (enabled or not): until one does, a loopback-only
    /// server shows `/report` without sign-in.
    func hasReportAccounts() async -> Bool

    /// Whether `name` is a configured kiosk (`[web] kiosks`); other names get no kiosk page.
    func isKiosk(_ name: String) -> Bool
}
