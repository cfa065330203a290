import QuaySystem

public enum Role: String, Sendable, Codable, CaseIterable, Comparable {
    case none, kiosk, clerk, technician, admin
    public static func < (a: Role, b: Role) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
}

/// Maps peer credentials to a role, and says which ops each role may use.
public struct AccessPolicy: Sendable, Equatable {
    public struct Grant: Sendable, Equatable {
        public var uid: UInt32?
        public var gid: UInt32?
        public var role: Role
        /// For clerks: the counters they may act for (empty = all).
        public var counters: [String]
        public init(uid: UInt32? = nil, gid: UInt32? = nil, role: Role, counters: [String] = []) {
            self.uid = uid
            self.gid = gid
            self.role = role
            self.counters = counters
        }
    }

    public var grants: [Grant]
    /// Role of a peer no grant matches. `none` in production; the demo uses `admin`.
    public var defaultRole: Role

    public init(grants: [Grant] = [], defaultRole: Role = .none) {
        self.grants = grants
        self.defaultRole = defaultRole
    }

    public struct Identity: Sendable, Equatable {
        public var role: Role
        /// nil = any counter.
        public var counters: [String]?
        public init(role: Role, counters: [String]?) {
            self.role = role
            self.counters = counters
        }
    }

    /// root and the daemon's own user are admins; then uid grants, then gid grants (primary group and
    /// supplementary groups of the peer's uid are not looked up: only the peer's primary gid counts).
    public func identify(_ peer: PeerCredentials, daemonUID: UInt32 = ProcessIdentity.uid) -> Identity {
        if peer.uid == 0 || peer.uid == daemonUID { return Identity(role: .admin, counters: nil) }
        if let g = grants.first(where: { $0.uid == peer.uid }) { return identity(g) }
        if let g = grants.first(where: { $0.uid == nil && $0.gid == peer.gid }) { return identity(g) }
        return Identity(role: defaultRole, counters: nil)
    }

    private func identity(_ g: Grant) -> Identity {
        Identity(role: g.role, counters: g.role == .clerk && !g.counters.isEmpty ? g.counters : nil)
    }
}
