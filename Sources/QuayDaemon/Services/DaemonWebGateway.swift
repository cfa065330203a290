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

    func scans(kiosk name: String) -> AsyncStream<ScanEvent> {
        let feed = state.scans
        let (stream, cont) = AsyncStream<ScanEvent>.makeStream(bufferingPolicy: .bufferingNewest(4))
        let token = feed.observe { e in if e.kiosk == name { cont.yield(e.kioskView) } }
        cont.onTermination = { _ in feed.stopObserving(token) }
        return stream
    }

    /// Failed logins in a row before an account is locked, and for how long.
    static let maxFailures = 5
    static let lockSeconds = 300.0

    func login(user: String, password: String) async -> WebLogin {
        guard UserAccount.isValidName(user), let ledger = state.ledgerIfOpen else { return .refused }
        let users = UserStore(ledger: ledger)
        guard let found = try? await users.credentials(user) else {
            _ = await PasswordHasher.shared.verifyDecoy(password)  // unknown names take as long as known ones
            await audit(AuditEvent.signIn, user: user, role: nil, outcome: "refused", detail: "unknown name")
            return .refused
        }
        let (account, hash) = found
        if let until = account.lockedUntil, until > ledger.now() {
            await audit(AuditEvent.signIn, user: user, role: account.role, outcome: "locked", detail: "locked until \(Int(until))")
            return .locked(until: until)
        }
        if account.disabled {
            await audit(AuditEvent.signIn, user: user, role: account.role, outcome: "refused", detail: "account disabled")
            return .refused
        }
        let ok = await PasswordHasher.shared.verify(password, hash: hash)
        let after = try? await users.recordLogin(user, ok: ok, maxFailures: Self.maxFailures, lockSeconds: Self.lockSeconds)
        if !ok {
            if let until = after?.lockedUntil, until > ledger.now() {
                await audit(
                    AuditEvent.signIn, user: user, role: account.role, outcome: "locked",
                    detail: "wrong password; locked until \(Int(until))")
                return .locked(until: until)
            }
            await audit(AuditEvent.signIn, user: user, role: account.role, outcome: "refused", detail: "wrong password")
            return .refused
        }
        guard let principal = Self.principal(account) else {
            await audit(
                AuditEvent.signIn, user: user, role: account.role, outcome: "refused", detail: "role \(account.role) has no console")
            return .refused
        }
        await audit(AuditEvent.signIn, user: user, role: account.role, outcome: "ok", detail: nil)
        return .ok(principal)
    }

    func recordSignOut(user: String) async {
        var role: String?
        if let ledger = state.ledgerIfOpen { role = try? await UserStore(ledger: ledger).credentials(user)?.0.role }
        await audit(AuditEvent.signOut, user: user, role: role, outcome: "ok", detail: nil)
    }

    func recordSignInThrottled(user: String) async {
        await audit(
            AuditEvent.signIn, user: user, role: nil, outcome: "busy",
            detail: "more than \(state.config.web.signInsPerMinute) sign-ins a minute; further ones refused unchecked this minute")
    }

    /// One audit row about a web account (source web, the name as typed when it is a valid account name).
    private func audit(_ op: String, user: String, role: String?, outcome: String, detail: String?) async {
        guard let ledger = state.ledgerIfOpen else { return }
        let actor = AuditActor(source: "web", sourceRef: UserAccount.isValidName(user) ? user : "(invalid name)", role: role ?? "none")
        let entry = AuditEntry(at: ledger.now(), op: op, actor: actor, subject: AuditSubject(detail: detail), outcome: outcome)
        do { try await ledger.record(entry) } catch {
            state.logger.error("sign-in audit row not stored", metadata: ["error": "\(error)"])
        }
    }

    func principal(user: String) async -> WebPrincipal? {
        guard let ledger = state.ledgerIfOpen, let found = try? await UserStore(ledger: ledger).credentials(user) else { return nil }
        return found.0.disabled ? nil : Self.principal(found.0)
    }

    func reportPrincipal(user: String) async -> WebPrincipal? {
        guard let ledger = state.ledgerIfOpen, let (a, _) = try? await UserStore(ledger: ledger).credentials(user), !a.disabled,
            let role = Role(rawValue: a.role), role >= .technician
        else { return nil }
        return .staff(user: a.name, admin: role >= .admin)
    }

    func hasReportAccounts() async -> Bool {
        guard let ledger = state.ledgerIfOpen else { return true }  // unknown: ask for a sign-in
        guard let all = try? await UserStore(ledger: ledger).list() else { return true }
        return all.contains { Role(rawValue: $0.role).map { $0 >= .technician } == true }
    }

    /// Every web account acts as a clerk on the console; a clerk with counters only for those.
    static func principal(_ a: UserAccount) -> WebPrincipal? {
        guard Role(rawValue: a.role).map({ $0 >= .clerk }) == true else { return nil }
        return .clerk(user: a.name, counters: a.role == Role.clerk.rawValue && !a.counters.isEmpty ? a.counters : nil)
    }
}
