/// A kiosk screen's name as it appears in its URL (/kiosk/NAME) and the audit trail.
enum WebKioskName {
    static func isValid(_ s: String) -> Bool {
        (1...32).contains(s.utf8.count)
            && s.utf8.allSatisfy { c in (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x7A) || c == 0x2D || c == 0x5F }
    }
}
