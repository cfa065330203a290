/// Configuration of result return at the kiosk.
public struct ResultPickupConfig: Sendable, Codable, Equatable {
    /// Queue service of the return counter (trả kết quả); return tickets are issued there.
    public var service: String
    /// Priority class given to return tickets so they are called ahead of new submissions (nil = ordinary order).
    public var priorityClass: String?
    /// Issue a ticket even when the result is not ready yet (the citizen asks at the counter).
    public var allowBeforeReady: Bool

    public init(service: String, priorityClass: String? = nil, allowBeforeReady: Bool = false) {
        self.service = service
        self.priorityClass = priorityClass
        self.allowBeforeReady = allowBeforeReady
    }
}

/// Why the kiosk does not issue a return ticket. `messageKey` is the catalogue key the kiosk shows.
public enum ResultPickupRefusal: Sendable, Equatable {
    case unreadableCode(ReceiptCodeError)
    case unknownReceipt(String)
    case notReady(appointmentDate: LocalDate, status: DossierStatus)
    case needsSupplement
    case alreadyReturned(at: Double?)
    case sentByPost
    case closed(DossierStatus)

    public var code: String {
        switch self {
        case .unreadableCode: "unreadable-code"
        case .unknownReceipt: "unknown-receipt"
        case .notReady: "result-not-ready"
        case .needsSupplement: "needs-supplement"
        case .alreadyReturned: "already-returned"
        case .sentByPost: "sent-by-post"
        case .closed: "dossier-closed"
        }
    }

    public var messageKey: String { "kiosk.pickup.\(code)" }
}

public enum ResultPickupDecision: Sendable, Equatable {
    /// Issue `QueueEngine.issue(service:priority:…, purpose: .collect, dossier: dossierID)`.
    case issue(service: String, priority: String?, dossierID: String, receiptCode: String)
    case refuse(ResultPickupRefusal)
}

/// A citizen scans their receipt at the kiosk: decide whether to issue a "return results" ticket.
public enum ResultPickup {
    /// `scan` is the scanner's raw output (AIM prefix and CR/LF are stripped); `lookup` finds a dossier by
    /// normalised receipt code.
    public static func decide(scan: String, config: ResultPickupConfig, lookup: (String) -> Dossier?) -> ResultPickupDecision {
        let code: String
        do { code = try ReceiptCode.parseScan(scan) } catch { return .refuse(.unreadableCode(error)) }
        guard let d = lookup(code) else { return .refuse(.unknownReceipt(code)) }
        return decide(dossier: d, config: config)
    }

    public static func decide(dossier d: Dossier, config: ResultPickupConfig) -> ResultPickupDecision {
        let issue = ResultPickupDecision.issue(
            service: config.service, priority: config.priorityClass, dossierID: d.id, receiptCode: d.receiptCode)
        switch d.status {
        case .resultReady:
            return d.returnChannel == .byPost ? .refuse(.sentByPost) : issue
        case .received, .processing:
            return config.allowBeforeReady ? issue : .refuse(.notReady(appointmentDate: d.appointmentDate, status: d.status))
        case .needsSupplement:
            return .refuse(.needsSupplement)
        // The post brought it back: the citizen may collect it here.
        case .returnedToSender:
            return issue
        case .handedToPost:
            return .refuse(.sentByPost)
        case .returned, .delivered:
            return .refuse(.alreadyReturned(at: d.returnedAt))
        case .rejected, .withdrawn:
            return .refuse(.closed(d.status))
        }
    }
}
