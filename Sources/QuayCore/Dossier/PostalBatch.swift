/// Results handed to postal staff together (bàn giao bưu chính công ích): which dossiers, with which tracking
/// numbers, when, at which counter, by whom. The hand-over slip printed for the postal staff lists the items and
/// carries the batch id as a QR.
public struct PostalBatch: Sendable, Codable, Equatable {
    /// "<site>-P<n>" (`SiteID.postalBatchID`).
    public var id: String
    public var at: Double
    public var counter: String?
    public var clerk: String?
    public var items: [PostalItem]

    public init(id: String, at: Double, counter: String?, clerk: String?, items: [PostalItem]) {
        (self.id, self.at, self.counter, self.clerk, self.items) = (id, at, counter, clerk, items)
    }

    /// At most this many results go in one batch (one slip a postal worker can check by hand).
    public static let maxItems = 200
}

/// One result in a postal batch, as the slip lists it, with the dossier's status now (delivered, returned to the
/// center, or still with the post).
public struct PostalItem: Sendable, Codable, Equatable {
    public var dossier: String
    public var receiptCode: String
    public var procedureName: String
    public var citizenName: String
    public var trackingNumber: String
    public var status: DossierStatus

    public init(dossier: Dossier) {
        self.dossier = dossier.id
        receiptCode = dossier.receiptCode
        procedureName = dossier.procedureName
        citizenName = dossier.citizenName
        trackingNumber = dossier.trackingNumber ?? ""
        status = dossier.status
    }
}

/// What a clerk gives for one result to post: the dossier (id or receipt code) and the post's tracking number.
public struct PostalHandover: Sendable, Codable, Equatable {
    public var dossier: String
    public var tracking: String

    public init(dossier: String, tracking: String) { (self.dossier, self.tracking) = (dossier, tracking) }
}

/// A postal tracking number (mã vận đơn / số hiệu bưu gửi), e.g. "EA123456789VN": 4–40 letters, digits and '-',
/// stored upper-case without spaces.
public enum TrackingNumber {
    public static func normalize(_ raw: String) throws(DossierError) -> String {
        let s = String(String.UnicodeScalarView(raw.unicodeScalars.filter { $0 != " " && $0 != "\t" })).uppercased()
        guard (4...40).contains(s.utf8.count) else {
            throw .invalidArgument("tracking number '\(raw.prefix(60))' must have 4 to 40 letters or digits")
        }
        guard s.utf8.allSatisfy({ ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }) else {
            throw .invalidArgument("tracking number '\(raw.prefix(60))' may hold only letters A-Z, digits and '-'")
        }
        return s
    }
}

extension Dossier {
    /// Hands the result to the post in `batch` with `tracking` (already normalised): a ready result, or one the post
    /// brought back. The return channel becomes by-post.
    @discardableResult
    public mutating func handToPost(batch: String, tracking: String, at now: Double, clerk: String?) throws(DossierError)
        -> DossierEvent
    {
        let e = try transition(to: .handedToPost, at: now, clerk: clerk, note: nil)
        (postalBatch, trackingNumber, returnChannel) = (batch, tracking, .byPost)
        return e
    }
}
