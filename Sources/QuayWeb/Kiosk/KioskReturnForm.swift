import QuayControl
import QuayCore

/// What the kiosk posts when a citizen typed their receipt code: `{"code":"H56.22-2611-000123","language":"km"}`.
/// The code's rules are the op's (`ReceiptCode`); only its size is bounded here.
struct KioskReturnForm: Decodable, Sendable, Equatable {
    var code: String
    var language: String

    func request(kiosk: String) -> IssueReturnRequest? {
        guard (1...64).contains(code.utf8.count), let lang = Language(rawValue: language) else { return nil }
        return IssueReturnRequest(code: code, language: lang, kiosk: kiosk)
    }
}
