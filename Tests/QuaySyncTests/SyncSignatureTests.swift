import Crypto
import Foundation
import QuaySync
import Testing

/// Keys, signatures and nonces of the sync transport (docs/sync.md): what a peer signs, what verifies, what not.
@Suite struct SyncSignatureTests {
    @Test func requestSignatureVerifiesOnlyForTheSameMethodPathNonceAndBody() throws {
        let key = SyncKey(Curve25519.Signing.PrivateKey())
        let pub = try #require(SyncKey.publicKey(base64: key.publicKeyBase64))
        let body = Array(#"{"after":0,"limit":10}"#.utf8)
        let sig = try #require(
            Data(base64Encoded: try key.sign(SyncSignature.requestMessage(method: "POST", path: "/sync/v1/pull", nonce: "n1", body: body))))
        #expect(
            pub.isValidSignature(sig, for: SyncSignature.requestMessage(method: "POST", path: "/sync/v1/pull", nonce: "n1", body: body)))
        #expect(
            !pub.isValidSignature(sig, for: SyncSignature.requestMessage(method: "POST", path: "/sync/v1/push", nonce: "n1", body: body)))
        #expect(
            !pub.isValidSignature(sig, for: SyncSignature.requestMessage(method: "POST", path: "/sync/v1/pull", nonce: "n2", body: body)))
        #expect(
            !pub.isValidSignature(
                sig, for: SyncSignature.requestMessage(method: "POST", path: "/sync/v1/pull", nonce: "n1", body: body + [0x20])))
        // A reply signature is over a different message: it can never pass for a request.
        #expect(!pub.isValidSignature(sig, for: SyncSignature.replyMessage(nonce: "n1", body: body)))
        let other = SyncKey(Curve25519.Signing.PrivateKey())
        let otherPub = try #require(SyncKey.publicKey(base64: other.publicKeyBase64))
        #expect(
            !otherPub.isValidSignature(
                sig, for: SyncSignature.requestMessage(method: "POST", path: "/sync/v1/pull", nonce: "n1", body: body)))
    }

    @Test func bodyDigestIsLowerHexSHA256() {
        #expect(SyncSignature.bodyDigest([]) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SyncSignature.bodyDigest(Array("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }

    @Test func keyFileIsCreated0600AndLoadsBack() throws {
        let dir = NSTemporaryDirectory() + "quay-sync-key-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/sync.key"
        let (a, created) = try SyncKey.loadOrCreate(path: path)
        #expect(created)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let (b, again) = try SyncKey.loadOrCreate(path: path)
        #expect(!again && a.publicKeyBase64 == b.publicKeyBase64)
        try Data("not a key\n".utf8).write(to: URL(fileURLWithPath: path))
        #expect(throws: SyncError.self) { try SyncKey.load(path: path) }
        #expect(SyncKey.publicKey(base64: "AAAA") == nil)
    }

    @Test func noncesAreSingleUseExpireAndAreBounded() {
        let t = Clock()
        let store = NonceStore(lifetime: 60, capacity: 4, clock: { t.now })
        let n = store.issue()
        #expect(store.consume(n))
        #expect(!store.consume(n))
        #expect(!store.consume("never-issued"))
        let old = store.issue()
        t.advance(61)
        #expect(!store.consume(old))
        let many = (0..<10).map { _ in store.issue() }
        #expect(store.count == 4)
        #expect(!store.consume(many[0]))
        #expect(store.consume(many[9]))
    }

    final class Clock: @unchecked Sendable {
        private let lock = NSLock()
        private var t = 1000.0
        var now: Double { lock.withLock { t } }
        func advance(_ s: Double) { lock.withLock { t += s } }
    }
}
