import QuayControl
import QuayCore
import QuayStore

/// user-add, user-passwd, user-disable, user-list (admin): the web accounts of the clerk console.
extension OpContext {
    func userAdd(_ r: UserAddRequest) async throws -> OpOutput {
        for c in r.counters where state.config.center.counter(c) == nil {
            throw ControlError.invalidField("args.counters", "unknown counter '\(c)'")
        }
        let ledger = try state.ledger()
        let hash = await PasswordHasher.shared.hash(r.password)
        let account = UserAccount(name: r.name, role: r.role.rawValue, counters: r.role == .clerk ? r.counters : [])
        do { try await UserStore(ledger: ledger).add(account, hash: hash) } catch let e as UserStore.Failure { throw Self.userError(e) }
        return .body(Empty())
    }

    func userPasswd(_ r: UserPasswordRequest) async throws -> OpOutput {
        let ledger = try state.ledger()
        let hash = await PasswordHasher.shared.hash(r.password)
        do { try await UserStore(ledger: ledger).setPassword(r.name, hash: hash) } catch let e as UserStore.Failure {
            throw Self.userError(e)
        }
        return .body(Empty())
    }

    func userDisable(_ r: UserNameRequest) async throws -> OpOutput {
        do { try await UserStore(ledger: try state.ledger()).disable(r.name) } catch let e as UserStore.Failure { throw Self.userError(e) }
        return .body(Empty())
    }

    func userList() async throws -> OpOutput {
        .body(UserListBody(users: try await UserStore(ledger: try state.ledger()).list()))
    }

    static func userError(_ e: UserStore.Failure) -> ControlError {
        switch e {
        case .exists(let n): ControlError(code: "user-exists", message: "a user '\(n)' already exists")
        case .unknown(let n): ControlError(code: "unknown-user", message: "no user '\(n)'")
        }
    }
}
