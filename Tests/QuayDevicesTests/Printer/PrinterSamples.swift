import Foundation
@testable import QuayDevices

/// Sample tickets in the three languages, with text as the message catalogue would supply it.
enum PrinterSamples {
    static let issued = Date(timeIntervalSince1970: 1_795_000_000)
    static let qr = "https://quay.local/t/2026-11-25/A015?k=7f3a"

    static func job(_ lang: String, number: String = "A015", priority: Bool = false) -> TicketPrintJob {
        let texts: TicketPrintJob.Texts
        let service: String
        let mark: String?
        switch lang {
        case "km":
            service = "ការបញ្ជាក់ច្បាប់ចម្លងឯកសារ"
            mark = priority ? "អាទិភាព" : nil
            texts = .init(
                waitingAhead: "មាន ៣ នាក់កំពុងរង់ចាំមុនអ្នក", estimatedWait: "រយៈពេលរង់ចាំប្រហែល ១៥ នាទី",
                counters: "បញ្ជរ៖ 1, 2", issuedAt: "25/11/2026 08:15", footer: "ស្កេនកូដដើម្បីតាមដានវេនរបស់អ្នក")
        case "vi":
            service = "Chứng thực bản sao"
            mark = priority ? "Ưu tiên" : nil
            texts = .init(
                waitingAhead: "Có 3 người đang chờ trước bạn", estimatedWait: "Thời gian chờ dự kiến: 15 phút",
                counters: "Quầy phục vụ: 1, 2", issuedAt: "25/11/2026 08:15", footer: "Quét mã để theo dõi lượt của bạn")
        default:
            service = "Document certification"
            mark = priority ? "Priority" : nil
            texts = .init(
                waitingAhead: "3 people are waiting before you", estimatedWait: "Estimated wait: 15 min",
                counters: "Counters: 1, 2", issuedAt: "25/11/2026 08:15", footer: "Scan the code to follow your turn")
        }
        return TicketPrintJob(
            centerName: "UBND xã Vĩnh Hải", serviceName: service, number: number, priorityMark: mark,
            issuedAt: issued, waitingAhead: 3, estimatedWaitMinutes: 15, counters: ["1", "2"],
            qrPayload: qr, language: lang, texts: texts)
    }

    static func hex(_ s: String) -> [UInt8] {
        s.split(separator: " ").compactMap { UInt8($0, radix: 16) }
    }
}
