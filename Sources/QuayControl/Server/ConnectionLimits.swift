import NIOConcurrencyHelpers

/// Who may hold a control connection: a total cap with slots kept for staff (technician, admin), a cap per
/// peer uid, and none at all for peers without a role. So 256 connections of one local user, or of every
/// kiosk together, never lock a technician or root out.
public final class ConnectionLimits: Sendable {
    public struct Policy: Sendable, Equatable {
        /// All connections at once.
        public var total = 256
        /// Of `total`, slots only technicians and admins may take.
        public var staffReserve = 32
        /// Connections one uid may hold (admins are bounded by `total` only).
        public var perUID = 64
        public init() {}
    }

    public let policy: Policy
    private struct Counts {
        var total = 0
        var byUID: [UInt32: Int] = [:]
    }
    private let counts = NIOLockedValueBox(Counts())

    public init(policy: Policy = Policy()) { self.policy = policy }

    /// Takes a slot, or says why not. Every admitted connection must `release(uid:)` once.
    public func admit(uid: UInt32, role: Role) -> ControlError? {
        if role == .none {
            return ControlError(
                code: "forbidden", message: "this user has no role in quayd (uid \(uid)); an administrator grants one in [access]")
        }
        let p = policy
        return counts.withLockedValue { c -> ControlError? in
            let staff = role >= .technician
            let cap = staff ? p.total : p.total - p.staffReserve
            guard c.total < cap else {
                return ControlError(code: "too-many-connections", message: "quayd serves at most \(cap) connections of this role at once")
            }
            if role != .admin, c.byUID[uid, default: 0] >= p.perUID {
                return ControlError(code: "too-many-connections", message: "uid \(uid) already holds \(p.perUID) connections")
            }
            c.total += 1
            c.byUID[uid, default: 0] += 1
            return nil
        }
    }

    public func release(uid: UInt32) {
        counts.withLockedValue { c in
            c.total -= 1
            let n = c.byUID[uid, default: 1] - 1
            c.byUID[uid] = n > 0 ? n : nil
        }
    }

    public var open: Int { counts.withLockedValue { $0.total } }
}
