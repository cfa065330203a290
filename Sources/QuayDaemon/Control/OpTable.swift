import Foundation
import QuayControl
import QuayCore
import QuayStore

/// Every op of `OpCatalog` bound to the code that runs it, built once at start. `dispatch` is the one way in
/// for every caller (socket peers, keypads, scanners, the demo): the role and the counter scope are checked there,
/// from the catalogue, before the op runs; errors of every kind become typed protocol errors there.
struct OpTable: Sendable {
    typealias Executor = @Sendable (any OpRequest, Caller) async throws -> OpOutput

    private let executors: [String: Executor]
    let state: DaemonState

    /// Binds ops to executors. Binding an op twice, one the catalogue does not declare, or with another request
    /// type than the catalogue's is a programming error; `missing` lists catalogue ops left unbound (a test keeps
    /// it empty for the standard table).
    struct Builder {
        fileprivate var executors: [String: Executor] = [:]
        mutating func on<Q: OpRequest>(_ spec: OpSpec, _ run: @escaping @Sendable (Q, Caller) async throws -> OpOutput) {
            precondition(OpCatalog.spec(spec.name) == spec, "op '\(spec.name)' is not declared in OpCatalog")
            precondition(spec.request == Q.self, "op '\(spec.name)' takes \(spec.request), not \(Q.self)")
            precondition(executors[spec.name] == nil, "op '\(spec.name)' bound twice")
            executors[spec.name] = { q, caller in
                guard let q = q as? Q else { throw ControlError(code: "internal", message: "op '\(spec.name)' got \(type(of: q))") }
                return try await run(q, caller)
            }
        }
    }

    init(state: DaemonState, _ build: (inout Builder) -> Void) {
        var b = Builder()
        build(&b)
        executors = b.executors
        self.state = state
    }

    /// Catalogue ops without an executor.
    var missing: [String] { OpCatalog.all.map(\.name).filter { executors[$0] == nil } }

    /// A wire request (the control socket): the role and counter scope first, then the op's typed request from its
    /// fields.
    func dispatch(_ r: Request, as caller: Caller) async -> Result<OpOutput, ControlError> {
        let spec: OpSpec
        switch OpCatalog.authorize(r.op, role: caller.identity.role) {
        case .failure(let e): return .failure(e)
        case .success(let s): spec = s
        }
        // A restricted clerk naming another counter is refused before the op's fields are read.
        if let e = OpCatalog.checkCounter(spec, counter: r.counter, identity: caller.identity) { return .failure(e) }
        let q: any OpRequest
        do throws(ControlError) { q = try spec.request.init(wire: r) } catch { return .failure(error) }
        return await perform(spec, q, as: caller)
    }

    /// An op called inside quayd with its typed request: the same role and scope checks as the socket.
    func dispatch<Q: OpRequest>(_ spec: OpSpec, _ q: Q, as caller: Caller) async -> Result<OpOutput, ControlError> {
        if case .failure(let e) = OpCatalog.authorize(spec.name, role: caller.identity.role) { return .failure(e) }
        guard spec.request == Q.self else {
            return .failure(ControlError(code: "internal", message: "op '\(spec.name)' takes \(spec.request), not \(Q.self)"))
        }
        return await perform(spec, q, as: caller)
    }

    /// Counter scope, run, audit; every failure as a `ControlError`.
    private func perform(_ spec: OpSpec, _ q: any OpRequest, as caller: Caller) async -> Result<OpOutput, ControlError> {
        let named = q.subject
        if let e = OpCatalog.checkCounter(spec, counter: named.counter, identity: caller.identity) { return .failure(e) }
        let started = DispatchTime.now().uptimeNanoseconds
        defer { state.metrics.opFinished(spec.name, startedAt: started) }
        guard let run = executors[spec.name] else {
            return .failure(ControlError(code: "internal", message: "op '\(spec.name)' is declared but not wired in this quayd"))
        }
        guard spec.changesState, let ledger = state.ledgerIfOpen else {
            do {
                return .success(try await run(q, caller))
            } catch {
                return .failure(protocolError(error, op: spec.name))
            }
        }
        // The audit trail: the op runs in a scope that the ledger's write path picks up, so its change and its
        // audit row commit together; ops that change nothing in the database get their row here.
        let scope = AuditScope(op: spec.name, actor: caller.auditActor(counter: named.counter))
        let result: Result<OpOutput, ControlError>
        do {
            result = .success(try await AuditScope.$current.withValue(scope) { try await run(q, caller) })
        } catch {
            result = .failure(protocolError(error, op: spec.name))
        }
        scope.close()
        if scope.recorded == 0, let entry = Self.auditEntry(spec, named, scope, result, at: ledger.now()) {
            do { try await ledger.record(entry) } catch {
                state.logger.error("audit row not stored", metadata: ["op": "\(spec.name)", "error": "\(error)"])
            }
        }
        return result
    }

    /// Ops that act on devices: a failure after the request was accepted is recorded with its error code.
    static let deviceOps: Set<String> = [
        OpCatalog.deviceTest.name, OpCatalog.deviceIdentify.name, OpCatalog.printTest.name,
        OpCatalog.reprint.name,
    ]
    /// Errors that mean the request was refused before anything was touched.
    static let refusalCodes: Set<String> = [
        "forbidden", "unknown-op", "bad-request", "bad-json", "missing-field", "invalid-field",
        "unknown-device", "unknown-ticket",
    ]

    /// The row for an op of the audit trail whose ledger writes recorded nothing: one that changes no database
    /// state and succeeded, or a device op that failed. nil: refused (nothing changed), or a database op that
    /// failed (its transaction was refused or rolled back).
    static func auditEntry(
        _ spec: OpSpec, _ named: AuditSubject, _ scope: AuditScope, _ result: Result<OpOutput, ControlError>, at now: Double
    ) -> AuditEntry? {
        var subject = named
        switch result {
        case .success(let out):
            let body: (any Encodable & Sendable)? = if case .body(let b) = out { b } else { nil }
            switch body {
            case let b as DeviceCheckBody:
                subject.device = b.role
                if !b.failed.isEmpty { subject.detail = "no answer: " + b.failed.keys.sorted().joined(separator: ", ") }
            case let b as PrintTestBody:
                subject.device = b.printer
            case let b as IssueBody:
                subject.ticket = b.ticket.id
                subject.number = b.ticket.number
                if let p = b.print {
                    subject.device = p.printer
                    subject.detail = p.ok ? "printed" : "print: \(p.code ?? "failed")"
                }
            case is ScanTestBody:
                subject.detail = "scanned"
            default: break
            }
            return AuditEntry(at: now, op: spec.name, actor: scope.actor, subject: subject)
        case .failure(let e):
            guard deviceOps.contains(spec.name), !refusalCodes.contains(e.code) else { return nil }
            return AuditEntry(at: now, op: spec.name, actor: scope.actor, subject: subject, outcome: e.code)
        }
    }

    /// An op called inside quayd: typed request, typed reply (no JSON).
    func call<Q: OpRequest, B>(_ spec: OpSpec, _ q: Q, as caller: Caller, expecting: B.Type) async -> Result<B, ControlError> {
        switch await dispatch(spec, q, as: caller) {
        case .failure(let e): return .failure(e)
        case .success(let out):
            if let b = out.body(as: B.self) { return .success(b) }
            return .failure(ControlError(code: "internal", message: "op '\(spec.name)' did not answer with \(B.self)"))
        }
    }

    func protocolError(_ error: Error, op: String) -> ControlError {
        switch error {
        case let e as ControlError: return e
        case let e as QueueError:
            return ControlError(code: e.code, message: e.description, citizen: e.citizenMessageKey.map { state.citizenText($0) })
        case let e as StoreError:
            state.logger.error("store error", metadata: ["op": "\(op)", "error": "\(e)"])
            return ControlError(code: e.code, message: e.description, citizen: state.citizenText("kiosk.store-unavailable"))
        default:
            if let e = DossierOps.dossierError(error, state) { return e }
            state.logger.error("op failed", metadata: ["op": "\(op)", "error": "\(error)"])
            return ControlError(code: "internal", message: "\(error)")
        }
    }
}

extension OpTable: ControlHandler {
    /// The control socket's entry: the peer's identity from SO_PEERCRED, the reply as one line (or a stream).
    func handle(_ request: Request, identity: AccessPolicy.Identity, peer: PeerCredentials) async -> ControlReply {
        let caller = Caller(identity: identity, source: .socket(pid: peer.pid, uid: peer.uid, gid: peer.gid))
        switch await dispatch(request, as: caller) {
        case .failure(let e): return .line(Wire.error(request.id, e))
        case .success(.body(let b)): return .line(Wire.ok(request.id, AnyBody(b)))
        case .success(.raw(let field, let json)): return .line(Wire.ok(request.id, rawField: field, json: json))
        case .success(.stream(let first, let rest)): return .stream(first: Wire.ok(request.id, AnyBody(first)), rest: rest)
        }
    }
}

/// An existential body as an `Encodable` value for `Wire.ok`.
struct AnyBody: Encodable, Sendable {
    let body: any Encodable & Sendable
    init(_ b: any Encodable & Sendable) { body = b }
    func encode(to encoder: any Encoder) throws { try body.encode(to: encoder) }
}
