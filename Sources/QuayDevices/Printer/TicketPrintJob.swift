import Foundation

/// Everything needed to print one queue ticket. Plain data: the caller (daemon) fills it from the issued ticket
/// and the message catalogue; the printer layer only does layout. All text is already in the citizen's language.
public struct TicketPrintJob: Sendable, Equatable {
    /// Already-translated text lines for the ticket body.
    public struct Texts: Sendable, Equatable {
        /// e.g. "Có 3 người đang chờ trước bạn" / "មាន ៣ នាក់កំពុងរង់ចាំមុនអ្នក".
        public var waitingAhead: String
        /// e.g. "Thời gian chờ dự kiến: 15 phút"; nil to omit.
        public var estimatedWait: String?
        /// e.g. "Quầy phục vụ: 1, 2"; nil to omit.
        public var counters: String?
        /// e.g. "25/11/2026 08:15"; nil lets the renderer print `issuedAt` as dd/MM/yyyy HH:mm (local time).
        public var issuedAt: String?
        /// e.g. "Quét mã để theo dõi lượt của bạn"; nil to omit.
        public var footer: String?
        /// Printed right under the QR, e.g. the phone page's address without its scheme; nil to omit.
        public var qrCaption: String?

        public init(
            waitingAhead: String, estimatedWait: String? = nil, counters: String? = nil,
            issuedAt: String? = nil, footer: String? = nil, qrCaption: String? = nil
        ) {
            self.waitingAhead = waitingAhead
            self.estimatedWait = estimatedWait
            self.counters = counters
            self.issuedAt = issuedAt
            self.footer = footer
            self.qrCaption = qrCaption
        }
    }

    public var centerName: String
    public var serviceName: String
    /// Ticket number as called, e.g. "A015".
    public var number: String
    /// Localized priority label (e.g. "Ưu tiên"); nil for a normal ticket.
    public var priorityMark: String?
    public var issuedAt: Date
    public var waitingAhead: Int
    public var estimatedWaitMinutes: Int?
    public var counters: [String]
    /// Encoded into the QR code (e.g. a status URL with the ticket id). Empty: no QR.
    public var qrPayload: String
    /// "vi", "km" or "en": selects fonts.
    public var language: String
    public var texts: Texts

    public init(
        centerName: String, serviceName: String, number: String, priorityMark: String? = nil,
        issuedAt: Date, waitingAhead: Int, estimatedWaitMinutes: Int? = nil, counters: [String] = [],
        qrPayload: String, language: String, texts: Texts
    ) {
        self.centerName = centerName
        self.serviceName = serviceName
        self.number = number
        self.priorityMark = priorityMark
        self.issuedAt = issuedAt
        self.waitingAhead = waitingAhead
        self.estimatedWaitMinutes = estimatedWaitMinutes
        self.counters = counters
        self.qrPayload = qrPayload
        self.language = language
        self.texts = texts
    }
}
