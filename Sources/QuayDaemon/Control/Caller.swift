import QuayControl
import QuayCore
import QuayWeb

/// Who asks for an op: the identity it is checked against (role, the clerk's counters) and where the request
/// came from. Every caller has one: socket peers, keypads, scanners, the demo, web sessions.
struct Caller: Sendable, Equatable {
    enum Source: Sendable, Equatable, CustomStringConvertible {
        /// A control-socket peer as the kernel reports it (SO_PEERCRED).
        case socket(pid: Int32, uid: UInt32, gid: UInt32)
        /// A counter keypad (its role in quayd.toml).
        case keypad(String)
        /// A kiosk scanner (its role in quayd.toml).
        case scanner(String)
        /// The demo's simulated citizens and clerks.
        case demo
        /// A kiosk screen served by quayd's web server (its name in `[web] kiosks`).
        case kiosk(String)
        /// A citizen's phone on the "my ticket" page.
        case phone
        /// A web page's signed-in user or the page itself (a clerk console's account; the loopback report page).
        case web(String)

        var description: String {
            switch self {
            case .socket(let pid, let uid, _): "socket uid \(uid) pid \(pid)"
            case .keypad(let role): "keypad \(role)"
            case .scanner(let role): "scanner \(role)"
            case .demo: "demo"
            case .kiosk(let name): "kiosk \(name)"
            case .phone: "phone"
            case .web(let ref): "web \(ref)"
            }
        }
    }

    var identity: AccessPolicy.Identity
    var source: Source

    /// A keypad acts as a clerk of its own counter only.
    static func keypad(_ role: String, counter: String) -> Caller {
        Caller(identity: .init(role: .clerk, counters: [counter]), source: .keypad(role))
    }

    /// A kiosk scanner acts with the kiosk role.
    static func scanner(_ role: String) -> Caller { Caller(identity: .init(role: .kiosk, counters: nil), source: .scanner(role)) }

    /// A web page's caller: a kiosk screen acts with the kiosk role, a signed-in clerk as a clerk of their counters,
    /// exactly the identities the control socket builds for those roles.
    static func web(_ p: WebPrincipal) -> Caller {
        switch p {
        case .kiosk(let name): Caller(identity: .init(role: .kiosk, counters: nil), source: .kiosk(name))
        case .phone: Caller(identity: .init(role: .kiosk, counters: nil), source: .phone)
        case .ratingScreen(let c): Caller(identity: .init(role: .kiosk, counters: nil), source: .kiosk("rating-" + c))
        case .clerk(let user, let counters): Caller(identity: .init(role: .clerk, counters: counters), source: .web(user))
        case .staff(let user, let admin): Caller(identity: .init(role: admin ? .admin : .technician, counters: nil), source: .web(user))
        }
    }

    static let demo = Caller(identity: .init(role: .admin, counters: nil), source: .demo)

    /// This caller as the actor of an audit row. `counter`: the counter the request named; without one, the
    /// only counter the caller may act for (a keypad, a clerk granted one counter).
    func auditActor(counter: String?) -> AuditActor {
        let role = identity.role.rawValue
        let counter = counter ?? identity.counters.flatMap { $0.count == 1 ? $0.first : nil }
        switch source {
        case .socket(let pid, let uid, _):
            return AuditActor(source: "socket", uid: Int64(uid), pid: Int64(pid), role: role, counter: counter)
        case .keypad(let r): return AuditActor(source: "keypad", sourceRef: r, role: role, counter: counter)
        case .scanner(let r): return AuditActor(source: "scanner", sourceRef: r, role: role, counter: counter)
        case .demo: return AuditActor(source: "demo", role: role, counter: counter)
        case .kiosk(let name): return AuditActor(source: "kiosk", sourceRef: name, role: role, counter: counter)
        case .phone: return AuditActor(source: "phone", role: role, counter: counter)
        case .web(let r): return AuditActor(source: "web", sourceRef: r, role: role, counter: counter)
        }
    }
}
