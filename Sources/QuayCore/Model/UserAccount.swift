/// A web account (the clerk console): its role and counters as the control socket's grants give them, and the
/// state of its login lockout. The password hash never leaves the store.
public struct UserAccount: Sendable, Codable, Equatable {
    public var name: String
    /// `clerk`, `technician` or `admin`.
    public var role: String
    /// A clerk's counters (ids); empty = any counter.
    public var counters: [String]
    public var disabled: Bool
    /// Failed logins in a row.
    public var failures: Int
    /// Epoch seconds until which logins are refused after too many failures.
    public var lockedUntil: Double?

    public init(name: String, role: String, counters: [String], disabled: Bool = false, failures: Int = 0, lockedUntil: Double? = nil) {
        self.name = name
        self.role = role
        self.counters = counters
        self.disabled = disabled
        self.failures = failures
        self.lockedUntil = lockedUntil
    }

    /// A name an account may have: 1-32 characters of a-z 0-9 . - _ (it appears in the audit trail and URLs).
    public static func isValidName(_ s: String) -> Bool {
        (1...32).contains(s.utf8.count)
            && s.utf8.allSatisfy { c in (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F || c == 0x2E }
    }
}
