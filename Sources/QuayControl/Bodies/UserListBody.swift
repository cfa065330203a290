import QuayCore

/// `user-list`: every web account, without its password hash.
public struct UserListBody: Codable, Sendable, Equatable {
    public var users: [UserAccount]
    public init(users: [UserAccount]) { self.users = users }
}
