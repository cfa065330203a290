/// The token of a ticket's "my ticket" phone page: 128 random bits (the system's CSPRNG) as 22 base64url
/// characters. Not derived from the ticket id, so the sequential ids reveal nothing.
enum FollowToken {
    static func make() -> String {
        var g = SystemRandomNumberGenerator()
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var bits = (UInt64.random(in: .min ... .max, using: &g), UInt64.random(in: .min ... .max, using: &g))
        var out = ""
        for i in 0..<22 {
            let n: UInt64
            if i < 11 {
                n = bits.0 & 63
                bits.0 >>= 6
            } else {
                n = bits.1 & 63
                bits.1 >>= 6
            }
            out.append(alphabet[Int(n)])
        }
        return out
    }

    /// The shape `make` produces: 22 characters of A-Z a-z 0-9 - _.
    static func isWellFormed(_ s: String) -> Bool {
        s.utf8.count == 22
            && s.utf8.allSatisfy { c in
                (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F
            }
    }
}
