import Foundation
import QuayDevices
import QuaySystem

/// Bytes per ticket and line time, for `quay-bench` and docs/performance.md ("Printers").
public enum PrinterBench {
    public struct Row: Sendable, Equatable {
        public var language: String
        public var profile: String
        /// Whole ESC/POS stream as sent.
        public var bytes: Int
        /// Of which raster image payload.
        public var rasterBytes: Int
        /// The same ticket if every line could be sent as native text (1 byte per character) with a native QR:
        /// the floor no raster layout can beat.
        public var textFloorBytes: Int
        public var seconds9600: Double
        public var seconds115200: Double
        public var renderMilliseconds: Double
        public var unknownGlyphs: Int
    }

    /// Seconds to move `bytes` over an 8N1 line (10 bits per byte) at `baud`.
    public static func transferSeconds(bytes: Int, baud: Int) -> Double { Double(bytes * 10) / Double(max(1, baud)) }

    /// Renders the sample ticket for each language on each profile.
    public static func measure(
        profiles: [PrinterProfile] = [.generic80, .generic58, .pos58Serial, .epson80TCVN3],
        languages: [String] = ["vi", "km", "en"]
    ) -> [Row] {
        var rows: [Row] = []
        for p in profiles {
            let r = TicketRenderer(profile: p)
            for lang in languages {
                let job = sampleJob(language: lang)
                let t0 = monotonicNanos()
                let t = r.render(job)
                let ms = Double(monotonicNanos() - t0) / 1e6
                rows.append(
                    Row(
                        language: lang, profile: p.name, bytes: t.bytes.count, rasterBytes: t.rasterBytes,
                        textFloorBytes: textFloor(job, profile: p),
                        seconds9600: transferSeconds(bytes: t.bytes.count, baud: 9600),
                        seconds115200: transferSeconds(bytes: t.bytes.count, baud: 115200),
                        renderMilliseconds: ms, unknownGlyphs: t.unknownGlyphs))
            }
        }
        return rows
    }

    /// Native-text lower bound for `job` (characters, not UTF-8 bytes: what a code page would need).
    public static func textFloor(_ job: TicketPrintJob, profile: PrinterProfile) -> Int {
        let lines = [
            job.centerName, job.serviceName, job.number, job.priorityMark ?? "", job.texts.waitingAhead,
            job.texts.estimatedWait ?? "", job.texts.counters ?? "",
            job.texts.issuedAt ?? TicketRenderer.defaultTimestamp(job.issuedAt), job.texts.footer ?? "",
        ]
        .filter { !$0.isEmpty }
        var n = EscPos.initialize.count + EscPos.cut(profile.cut).count
        for l in lines { n += EscPos.align(.center).count + l.count + 1 }
        if !job.qrPayload.isEmpty {
            n += EscPos.qrCode(Array(job.qrPayload.utf8), moduleSize: profile.qrModuleDots, errorCorrection: .medium).count
        }
        return n
    }

    /// A plain-text table of `rows`.
    public static func report(_ rows: [Row]) -> String {
        var s = "profile         lang  bytes  raster  text-floor  @9600 s  @115200 s  render ms  tofu\n"
        for r in rows {
            s +=
                pad(r.profile, 15) + " " + pad(r.language, 4) + " " + lpad("\(r.bytes)", 6) + " " + lpad("\(r.rasterBytes)", 7)
                + " " + lpad("\(r.textFloorBytes)", 11) + " " + lpad(String(format: "%.2f", r.seconds9600), 8)
                + " " + lpad(String(format: "%.3f", r.seconds115200), 10) + " " + lpad(String(format: "%.1f", r.renderMilliseconds), 10)
                + " " + lpad("\(r.unknownGlyphs)", 5) + "\n"
        }
        return s
    }

    private static func pad(_ s: String, _ n: Int) -> String { s.count >= n ? s : s + String(repeating: " ", count: n - s.count) }
    private static func lpad(_ s: String, _ n: Int) -> String { s.count >= n ? s : String(repeating: " ", count: n - s.count) + s }

    /// A representative ticket (priority, three body lines, QR with a status URL) in `language`.
    public static func sampleJob(language: String) -> TicketPrintJob {
        let texts: TicketPrintJob.Texts
        let service: String, mark: String
        switch language {
        case "km":
            service = "ការបញ្ជាក់ច្បាប់ចម្លងឯកសារ"
            mark = "អាទិភាព"
            texts = .init(
                waitingAhead: "មាន ៣ នាក់កំពុងរង់ចាំមុនអ្នក", estimatedWait: "រយៈពេលរង់ចាំប្រហែល ១៥ នាទី",
                counters: "បញ្ជរ៖ 1, 2", issuedAt: "25/11/2026 08:15", footer: "ស្កេនកូដដើម្បីតាមដានវេនរបស់អ្នក")
        case "vi":
            service = "Chứng thực bản sao"
            mark = "Ưu tiên"
            texts = .init(
                waitingAhead: "Có 3 người đang chờ trước bạn", estimatedWait: "Thời gian chờ dự kiến: 15 phút",
                counters: "Quầy phục vụ: 1, 2", issuedAt: "25/11/2026 08:15", footer: "Quét mã để theo dõi lượt của bạn")
        default:
            service = "Document certification"
            mark = "Priority"
            texts = .init(
                waitingAhead: "3 people are waiting before you", estimatedWait: "Estimated wait: 15 min",
                counters: "Counters: 1, 2", issuedAt: "25/11/2026 08:15", footer: "Scan the code to follow your turn")
        }
        return TicketPrintJob(
            centerName: "UBND xã Vĩnh Hải", serviceName: service, number: "A015", priorityMark: mark,
            issuedAt: Date(timeIntervalSince1970: 1_795_000_000), waitingAhead: 3, estimatedWaitMinutes: 15,
            counters: ["1", "2"], qrPayload: "https://quay.local/t/2026-11-25/A015?k=7f3a",
            language: language, texts: texts)
    }
}
