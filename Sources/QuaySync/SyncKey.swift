import Crypto
import Foundation
import QuaySystem

/// A site's Ed25519 key pair (docs/sync.md, Transport). The key file holds the base64 of the 32-byte private key
/// on one line, mode 0600; the public key (base64, 32 bytes) goes into the peers' `[[sync.peer]]` entries.
public struct SyncKey: Sendable {
    public let privateKey: Curve25519.Signing.PrivateKey

    public init(_ privateKey: Curve25519.Signing.PrivateKey) { self.privateKey = privateKey }

    /// Base64 of the raw 32-byte public key.
    public var publicKeyBase64: String { privateKey.publicKey.rawRepresentation.base64EncodedString() }

    /// Base64 Ed25519 signature of `message`.
    public func sign(_ message: Data) throws -> String { try privateKey.signature(for: message).base64EncodedString() }

    /// Reads the key file. A missing, unreadable, group/other-readable or malformed file is a `SyncError.keyFile`.
    public static func load(path: String) throws(SyncError) -> SyncKey {
        let bytes: [UInt8]
        do { bytes = try SmallFile.read(path, limit: 4096) } catch { throw .keyFile(path, "\(error)") }
        let text = String(decoding: bytes, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let raw = Data(base64Encoded: text), raw.count == 32,
            let k = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
        else { throw .keyFile(path, "not a base64 Ed25519 private key (32 bytes)") }
        return SyncKey(k)
    }

    /// Loads the key file, creating it (0600, a new key) when it does not exist. `created` says which.
    public static func loadOrCreate(path: String) throws(SyncError) -> (key: SyncKey, created: Bool) {
        if FileManager.default.fileExists(atPath: path) {
            do { try PrivateFile.secure(path, create: false) } catch { throw .keyFile(path, "\(error)") }
            return (try load(path: path), false)
        }
        let key = SyncKey(Curve25519.Signing.PrivateKey())
        let line = Array((key.privateKey.rawRepresentation.base64EncodedString() + "\n").utf8)
        do {
            let dir = (path as NSString).deletingLastPathComponent
            if !dir.isEmpty { try PrivateFile.makeDirectory(dir) }
            try PrivateFile.secure(path, create: true)
            let fd = try FileDescriptor.open(path, [.writeOnly, .truncate])
            defer { fd.close() }
            try fd.writeAll(line, stallTimeoutMs: 1000)
            try fd.fsync()
        } catch { throw .keyFile(path, "\(error)") }
        return (key, true)
    }

    /// A peer's public key from its base64 form, nil when it is not 32 bytes of base64.
    public static func publicKey(base64: String) -> Curve25519.Signing.PublicKey? {
        guard let raw = Data(base64Encoded: base64), raw.count == 32 else { return nil }
        return try? Curve25519.Signing.PublicKey(rawRepresentation: raw)
    }
}
