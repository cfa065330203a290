import Crypto

/// One `[[sync.peer]]` entry: who may call us, and whom we dial (those with a `url`).
public struct SyncPeer: Sendable {
    public enum Role: String, Sendable, Codable, CaseIterable {
        case center, point, province
    }

    public var site: String
    public var publicKey: Curve25519.Signing.PublicKey
    /// `http://host:port` (no path); nil: only accepted, never dialled.
    public var url: String?
    public var role: Role

    public init(site: String, publicKey: Curve25519.Signing.PublicKey, url: String?, role: Role) {
        (self.site, self.publicKey, self.url, self.role) = (site, publicKey, url, role)
    }
}
