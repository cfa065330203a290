/// How a ticket number is read: "A015" as "A không một năm" (digits) or "A mười lăm" (number).
public enum NumberReadingStyle: String, Sendable, CaseIterable {
    case digits, number
}

/// When Khmer follows the Vietnamese announcement: always, only for tickets issued in Khmer, or never.
public enum VoiceLanguagePolicy: String, Sendable, CaseIterable {
    case always
    case kmTickets = "km-tickets"
    case never
}

/// What caused an announcement.
public enum AnnouncementKind: String, Sendable, Codable, CaseIterable {
    case call, recall
    case resultsReady = "results-ready"
    /// `quayctl say` and `device test voice`.
    case say

    /// The message catalogue key of its wording (nil for free text).
    public var catalogKey: String? {
        switch self {
        case .call: "voice.call"
        case .recall: "voice.recall"
        case .resultsReady: "voice.results-ready"
        case .say: nil
        }
    }
}
