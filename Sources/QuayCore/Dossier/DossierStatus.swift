/// Where a dossier (hồ sơ) is in its life. The normal path is
/// received → processing → result-ready → returned; a dossier may also need a supplement (bổ sung),
/// be rejected (từ chối) or withdrawn (rút) by the citizen. A result sent by post (bưu chính công ích) is handed to
/// postal staff in a batch, then delivered or returned to the sender (the center), which may hand it back at a
/// counter or post it again.
public enum DossierStatus: String, Sendable, Codable, CaseIterable, Hashable {
    case received
    case processing
    case resultReady = "result-ready"
    case returned
    case needsSupplement = "needs-supplement"
    case rejected
    case withdrawn
    /// The result went to postal staff in a hand-over batch (bàn giao bưu chính): the center's part is done.
    case handedToPost = "handed-to-post"
    /// The post delivered the result to the citizen.
    case delivered
    /// The post could not deliver and brought the result back to the center.
    case returnedToSender = "returned-to-sender"

    /// Statuses reachable from this one in one step. The table is the whole state machine.
    public var allowedNext: Set<DossierStatus> {
        switch self {
        // A simple procedure may be settled at once, so received → result-ready is allowed.
        case .received: [.processing, .resultReady, .needsSupplement, .rejected, .withdrawn]
        case .processing: [.resultReady, .needsSupplement, .rejected, .withdrawn]
        // The citizen brought the missing papers: processing resumes.
        case .needsSupplement: [.processing, .rejected, .withdrawn]
        // The citizen collects the result; nothing else happens to a ready result.
        // The citizen collects the result, or it goes by post.
        case .resultReady: [.returned, .handedToPost]
        case .handedToPost: [.delivered, .returnedToSender]
        // Back at the center: collected at a counter or posted again.
        case .returnedToSender: [.returned, .handedToPost]
        case .returned, .rejected, .withdrawn, .delivered: []
        }
    }

    public func canMove(to next: DossierStatus) -> Bool { allowedNext.contains(next) }

    /// No further change is possible.
    public var isFinal: Bool { allowedNext.isEmpty }

    /// Still owed to the citizen: counts toward "overdue" once past the appointment date.
    public var isOpen: Bool {
        switch self {
        case .received, .processing, .needsSupplement, .resultReady, .returnedToSender: true
        case .returned, .rejected, .withdrawn, .handedToPost, .delivered: false
        }
    }

    /// The center has returned the result: at a counter, or handed to the post (which may then deliver it). Reports
    /// count these as returned on the day of `Dossier.returnedAt`.
    public var countsAsReturned: Bool {
        switch self {
        case .returned, .handedToPost, .delivered: true
        case .received, .processing, .needsSupplement, .resultReady, .rejected, .withdrawn, .returnedToSender: false
        }
    }

    /// Vietnamese label for staff screens and CSV export.
    public var vietnameseLabel: String {
        switch self {
        case .received: "Đã tiếp nhận"
        case .processing: "Đang xử lý"
        case .resultReady: "Đã có kết quả"
        case .returned: "Đã trả kết quả"
        case .needsSupplement: "Yêu cầu bổ sung"
        case .rejected: "Từ chối"
        case .withdrawn: "Đã rút hồ sơ"
        case .handedToPost: "Đã chuyển bưu chính"
        case .delivered: "Bưu chính đã phát"
        case .returnedToSender: "Bưu chính chuyển hoàn"
        }
    }
}

/// How the citizen gets the result back.
public enum ReturnChannel: String, Sendable, Codable, CaseIterable, Hashable {
    /// At the center's return counter (trả tại trung tâm).
    case atCenter = "at-center"
    /// At a secondary reception/return point (điểm tiếp nhận).
    case atSecondaryPoint = "at-secondary-point"
    /// By the post office (bưu chính công ích).
    case byPost = "by-post"
}
