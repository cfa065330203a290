import QuayCore

/// `user-add`: a web account `args.name` with `args.role` (clerk, technician, admin), a clerk's `args.counters`
/// and `args.password` (6 to 72 bytes; hashed with bcrypt by quayd, never stored or logged as typed).
public struct UserAddRequest: OpRequest, Equatable {
    public var name: String
    public var role: Role
    public var counters: [String]
    public var password: String

    public init(name: String, role: Role, counters: [String], password: String) {
        (self.name, self.role, self.counters, self.password) = (name, role, counters, password)
    }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        let name = try UserNameRequest.name(f)
        let role = try f.choice(\.role, "role", Role.clerk)
        guard role >= .clerk else { throw .invalidField("args.role", "must be clerk, technician or admin") }
        let counters = r.args?.counters ?? []
        guard counters.count <= 64, counters.allSatisfy({ !$0.isEmpty && $0.utf8.count <= 32 }) else {
            throw .invalidField("args.counters", "at most 64 counter ids")
        }
        self.init(name: name, role: role, counters: counters, password: try UserPasswordRequest.password(f))
    }

    public var subject: AuditSubject { AuditSubject() }
}

/// `user-passwd`: a new `args.password` for `args.name` (also clears a lockout).
public struct UserPasswordRequest: OpRequest, Equatable {
    public var name: String
    public var password: String

    public init(name: String, password: String) { (self.name, self.password) = (name, password) }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        self.init(name: try UserNameRequest.name(f), password: try Self.password(f))
    }

    static func password(_ f: WireFields) throws(ControlError) -> String {
        guard let p = f.r.args?.password else { throw .missingField("args.password", op: f.r.op) }
        guard (6...72).contains(p.utf8.count) else { throw .invalidField("args.password", "must be 6 to 72 bytes") }
        return p
    }

    public var subject: AuditSubject { AuditSubject() }
}

/// `user-disable`: `args.name` can no longer sign in (existing sessions end at their next request).
public struct UserNameRequest: OpRequest, Equatable {
    public var name: String

    public init(name: String) { self.name = name }

    public init(wire r: Request) throws(ControlError) { self.init(name: try Self.name(WireFields(r))) }

    static func name(_ f: WireFields) throws(ControlError) -> String {
        let n = try f.required(\.name, "name")
        guard UserAccount.isValidName(n) else { throw .invalidField("args.name", "1 to 32 characters of a-z 0-9 . - _") }
        return n
    }

    public var subject: AuditSubject { AuditSubject() }
}
