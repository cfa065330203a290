import Foundation
import QuayControl
import QuayCore
import QuayStore

/// Routes each control request to its op. Ops live in small files by topic (QueueOps, InfoOps, WatchOp...).
struct ControlRouter: ControlHandler {
    let state: DaemonState
    let hooks: DaemonHooks

    func handle(_ request: Request, identity: AccessPolicy.Identity, peer: PeerCredentials) async -> ControlReply {
        do {
            switch request.op {
            case "ping", "version": return .line(ping(request))
            case "config": return .line(try await config(request))
            case "queue": return .line(try await queue(request))
            case "counters": return .line(try await counters(request))
            case "stats": return .line(try await stats(request))
            case "issue": return .line(try await issue(request))
            case "call-next": return .line(try await callNext(request))
            case "recall", "start-serving", "done", "no-show", "return": return .line(try await counterAction(request))
            case "transfer": return .line(try await transfer(request, identity: identity))
            case "counter": return .line(try await setCounter(request))
            case "watch": return try await watch(request, identity: identity)
            case "i18n-status": return .line(Wire.ok(request.id, I18nBody(problems: state.catalog.status())))
            case "reload": return .line(try await reload(request))
            default:
                if let extra = hooks.extraOps[request.op] { return try await extra(request, identity) }
                return .line(Wire.error(request.id, .unknownOp(request.op)))
            }
        } catch let e as ControlError {
            return .line(Wire.error(request.id, e))
        } catch let e as QueueError {
            return .line(Wire.error(request.id, controlError(e)))
        } catch let e as StoreError {
            state.logger.error("store error", metadata: ["op": "\(request.op)", "error": "\(e)"])
            return .line(Wire.error(request.id, ControlError(code: e.code, message: e.description, citizen: state.citizenText("kiosk.store-unavailable"))))
        } catch {
            state.logger.error("op failed", metadata: ["op": "\(request.op)", "error": "\(error)"])
            return .line(Wire.error(request.id, ControlError(code: "internal", message: "\(error)")))
        }
    }

    /// Runs an op inside quayd (demo traffic, scanners, keypads) as `identity`; the reply line as JSON, nil if
    /// the op streams (watch) or the line does not decode.
    func call(_ request: Request, as identity: AccessPolicy.Identity) async -> JSONValue? {
        let peer = PeerCredentials(pid: getpid(), uid: getuid(), gid: getgid())
        guard case .line(let bytes) = await handle(request, identity: identity, peer: peer) else { return nil }
        return try? JSONDecoder().decode(JSONValue.self, from: Data(bytes))
    }

    func controlError(_ e: QueueError) -> ControlError {
        ControlError(code: e.code, message: e.description, citizen: e.citizenMessageKey.map { state.citizenText($0) })
    }

    func require(_ v: String?, _ field: String, _ r: Request) throws(ControlError) -> String {
        guard let v, !v.isEmpty else { throw .missingField(field, op: r.op) }
        return v
    }

    private func reload(_ r: Request) async throws -> [UInt8] {
        try await hooks.reload()
        return Wire.ok(r.id, Empty())
    }
}

/// Things the router needs from the daemon that are wired at startup (reload, printing, device ops).
struct DaemonHooks: Sendable {
    var reload: @Sendable () async throws -> Void = {}
    /// Prints an issued ticket; nil when no printer serves the kiosk.
    var printTicket: (@Sendable (Ticket, IssueContext) async -> PrintOutcome?)? = nil
    /// Checked before a number is allocated: a printer that is out of paper refuses the issue.
    var printerPrecheck: (@Sendable (String?) async -> ControlError?)? = nil
    var extraOps: [String: @Sendable (Request, AccessPolicy.Identity) async throws -> ControlReply] = [:]
}

/// What a ticket print needs beyond the ticket.
struct IssueContext: Sendable {
    var waitingAhead: Int
    var estimatedWaitMinutes: Int?
    var counters: [String]
    var kiosk: String?
}
