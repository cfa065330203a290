import Foundation
import QuayControl
import QuayCore

/// What the kiosk page posts when the citizen taps "print": `{"service":"hotich","language":"km",
/// "priority":"elderly","key":"<uuid>"}`. Field sizes are bounded here; the op checks the values.
struct KioskIssueForm: Decodable, Sendable, Equatable {
    var service: String
    var language: String
    var priority: String?
    /// Idempotency key: the same for every retry of one tap.
    var key: String

    static let maxBody = 1024

    enum Invalid: Error { case field(String) }

    static func decode(_ bytes: some Collection<UInt8>) throws -> KioskIssueForm {
        let f = try JSONDecoder().decode(KioskIssueForm.self, from: Data(bytes))
        for (name, value, max) in [("service", f.service, 64), ("language", f.language, 8), ("key", f.key, 64)] {
            guard !value.isEmpty, value.utf8.count <= max else { throw Invalid.field(name) }
        }
        if let p = f.priority, p.isEmpty || p.utf8.count > 64 { throw Invalid.field("priority") }
        return f
    }

    /// The `issue` request for `kiosk`, with the phone page's follow token; nil for a language quayd does not speak.
    func request(kiosk: String) -> IssueRequest? {
        guard let lang = Language(rawValue: language) else { return nil }
        return IssueRequest(service: service, language: lang, priority: priority, kiosk: kiosk, idempotencyKey: key, follow: true)
    }
}
