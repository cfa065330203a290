import Crypto
import Foundation

/// The byte strings that requests and replies sign (docs/sync.md, Transport).
public enum SyncSignature {
    /// `"quay-sync-v1\n" + METHOD + "\n" + PATH + "\n" + nonce + "\n" + hex(sha256(body))`
    public static func requestMessage(method: String, path: String, nonce: String, body: [UInt8]) -> Data {
        Data("quay-sync-v1\n\(method)\n\(path)\n\(nonce)\n\(bodyDigest(body))".utf8)
    }

    /// `"quay-sync-v1-reply\n" + nonce + "\n" + hex(sha256(reply body))`
    public static func replyMessage(nonce: String, body: [UInt8]) -> Data {
        Data("quay-sync-v1-reply\n\(nonce)\n\(bodyDigest(body))".utf8)
    }

    /// Lower-case hex of the SHA-256 of `body`.
    public static func bodyDigest(_ body: [UInt8]) -> String {
        SHA256.hash(data: body).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined()
    }
}
