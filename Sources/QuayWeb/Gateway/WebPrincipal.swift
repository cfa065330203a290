/// Who a web request acts as. The daemon turns it into the same identity the control socket builds (a role and,
/// for a clerk, their counters) plus a web source for the audit trail.
public enum WebPrincipal: Sendable, Equatable, CustomStringConvertible {
    /// A kiosk screen: role kiosk, bound to a kiosk name from `[web] kiosks` (which also picks its printer).
    case kiosk(String)
    /// A citizen's phone showing their own ticket ("my ticket" page): role kiosk, and the page only ever asks for
    /// the ticket of the token in its URL.
    case phone
    /// The citizen-facing rating tablet at a counter: role kiosk, audit source `kiosk rating-COUNTER`.
    case ratingScreen(counter: String)
    /// A signed-in clerk: role clerk, restricted to `counters` (nil: any counter).
    case clerk(user: String, counters: [String]?)
    /// A signed-in technician or admin on the report page (`/report`): that role, any counter.
    case staff(user: String, admin: Bool)

    public var description: String {
        switch self {
        case .kiosk(let name): "kiosk \(name)"
        case .phone: "phone"
        case .ratingScreen(let c): "rating screen \(c)"
        case .clerk(let user, _): "web user \(user)"
        case .staff(let user, _): "web user \(user)"
        }
    }
}
