import Foundation
import Hummingbird
import HummingbirdAuth

/// A signed-in clerk's session, kept in memory by hummingbird-auth's `SessionStorage` (a quayd restart signs
/// everyone out) under a random id in the `quay_clerk` cookie: HttpOnly, SameSite=Strict, Secure when configured.
/// `csrf` must come back in the `X-CSRF-Token` header of every state-changing request.
struct ClerkSession: Codable, Sendable, Equatable {
    var user: String
    var csrf: String

    static func newCSRF() -> String {
        var g = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(UInt64.random(in: .min ... .max, using: &g), radix: 16) }.joined(separator: "-")
    }
}

/// The session store and its cookie settings.
struct ClerkSessions: Sendable {
    let storage: SessionStorage<ClerkSession>
    let lifetime: Duration = .seconds(12 * 3600)

    init(secureCookie: Bool) {
        storage = SessionStorage(
            MemoryPersistDriver(),
            configuration: .init(
                sessionCookieParameters: .init(name: "quay_clerk", path: "/", secure: secureCookie, sameSite: .strict),
                keyPrefix: "quay-clerk."))
    }

    func load(_ request: Request) async -> ClerkSession? { try? await storage.load(request: request) }
}
