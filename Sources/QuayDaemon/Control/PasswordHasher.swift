import HummingbirdBcrypt
import QuaySystem

/// bcrypt hashing and verifying (HummingbirdBcrypt), tens of milliseconds of CPU each: an actor pinned to its own
/// thread, so a login never occupies the NIO event loops or a thread of Swift's 2-thread cooperative pool.
actor PasswordHasher {
    static let shared = PasswordHasher()
    /// 2^10 rounds: about 50-80 ms on the target box; enough against offline guessing of a stolen file while a
    /// counter's login stays instant.
    static let cost: UInt8 = 10

    private let executor = DedicatedThreadExecutor(name: "quay-bcrypt")
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    func hash(_ password: String) -> String { Bcrypt.hash(password, cost: Self.cost) }

    func verify(_ password: String, hash: String) -> Bool { Bcrypt.verify(password, hash: hash) }

    /// A hash of nothing anyone knows, verified for unknown user names so they take as long as known ones.
    private lazy var decoy: String = Bcrypt.hash("quay-decoy-\(UInt64.random(in: .min ... .max))", cost: Self.cost)
    func verifyDecoy(_ password: String) -> Bool {
        _ = Bcrypt.verify(password, hash: decoy)
        return false
    }
}
