import QuayControl
import QuayCore
import QuayStore
import QuayWeb

/// The web pages' way into the queue: every request runs through the op table as the page's caller (a kiosk, a
/// signed-in clerk), with the role and counter checks and the audit trail of the control socket.
struct DaemonWebGateway: WebGateway {
    let state: DaemonState
    let dispatcher: OpDispatcher

    func call<Q: OpRequest>(_ spec: OpSpec, _ request: Q, as principal: WebPrincipal) async -> [UInt8] {
        switch await dispatcher.dispatch(spec, request, as: .web(principal)) {
        case .failure(let e): return Wire.error(nil, e)
        case .success(.body(let b)): return Wire.ok(nil, AnyBody(b))
        case .success(.raw(let field, let json)): return Wire.ok(nil, rawField: field, json: json)
        case .success(.stream(let first, let rest)):
            // Pages do not stream through this door (they have their own WebSocket feeds): the first line only.
            rest.close()
            return Wire.ok(nil, AnyBody(first))
        }
    }

    func texts(prefixes: [String]) async -> [String: [String: String]] {
        let catalog = state.catalog
        var out: [String: [String: String]] = [:]
        for key in catalog.entries.keys where prefixes.contains(where: { key.hasPrefix($0) }) {
            for lang in Language.allCases { out[key, default: [:]][lang.rawValue] = catalog.text(key, lang) }
        }
        return out
    }

    func isKiosk(_ name: String) -> Bool { state.config.web.kiosks.contains(name) }

    /// Failed logins in a row before an account is locked, and for how long.
    static let maxFailures = 5
    static let lockSeconds = 300.0

    func login(user: String, password: String) async -> WebLogin {
        guard UserAccount.isValidName(user), let ledger = state.ledgerIfOpen else { return .refused }
        let users = UserStore(ledger: ledger)
        guard let found = try? await users.credentials(user) else {
            _ = await PasswordHasher.shared.verifyDecoy(password)  // unknown names take as long as known ones
            return .refused
        }
        let (account, hash) = found
        if let until = account.lockedUntil, until > ledger.now() { return .locked(until: until) }
        if account.disabled { return .refused }
        let ok = await PasswordHasher.shared.verify(password, hash: hash)
        let after = try? await users.recordLogin(user, ok: ok, maxFailures: Self.maxFailures, lockSeconds: Self.lockSeconds)
        if !ok {
            if let until = after?.lockedUntil, until > ledger.now() { return .locked(until: until) }
            return .refused
        }
        return Self.principal(account).map { .ok($0) } ?? .refused
    }

    func principal(user: String) async -> WebPrincipal? {
        guard let ledger = state.ledgerIfOpen, let found = try? await UserStore(ledger: ledger).credentials(user) else { return nil }
        return found.0.disabled ? nil : Self.principal(found.0)
    }

    /// Every web account acts as a clerk on the console; a clerk with counters only for those.
    static func principal(_ a: UserAccount) -> WebPrincipal? {
        guard Role(rawValue: a.role).map({ $0 >= .clerk }) == true else { return nil }
        return .clerk(user: a.name, counters: a.role == Role.clerk.rawValue && !a.counters.isEmpty ? a.counters : nil)
    }
}
