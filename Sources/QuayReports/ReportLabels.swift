import QuayCore

/// Every word a rendered report shows, in Vietnamese (default), Khmer or English.
public struct ReportLabels: Sendable {
    public var language: Language
    var title, period, madeOn, center, total: String
    var summary, services, counters, days, hours, dossiers: String
    var service, counter, date, hour, name: String
    var issued, served, noShow, transferred, expired, priority, khmer, rated, ratingMean: String
    var waitP50, waitP90, waitMax, serviceP50, serviceP90, serviceMax: String
    var arrivals, arrivalsPerDay: String
    var received, returned, onTime, late, overdue, onTimeRate: String
    var byPost, delivered, returnedToSender: String
    var chartWait, chartArrivals, chartOnTime, minutes: String
    var preparedBy, approvedBy, signHint: String

    public static func forLanguage(_ l: Language) -> ReportLabels {
        switch l {
        case .vi: vi
        case .km: km
        case .en: en
        }
    }

    static let vi = ReportLabels(
        language: .vi, title: "BÁO CÁO HÀNG ĐỢI VÀ HỒ SƠ", period: "Kỳ báo cáo", madeOn: "Ngày lập", center: "Đơn vị",
        total: "Tổng cộng", summary: "Tổng hợp", services: "Theo dịch vụ", counters: "Theo quầy", days: "Theo ngày",
        hours: "Theo giờ", dossiers: "Hồ sơ", service: "Dịch vụ", counter: "Quầy", date: "Ngày", hour: "Giờ", name: "Tên",
        issued: "Số phiếu", served: "Đã phục vụ", noShow: "Vắng mặt", transferred: "Chuyển", expired: "Hết ngày",
        priority: "Ưu tiên %", khmer: "Tiếng Khmer %", rated: "Lượt đánh giá", ratingMean: "Điểm hài lòng (1–4)",
        waitP50: "Chờ trung vị (phút)", waitP90: "Chờ P90 (phút)",
        waitMax: "Chờ tối đa (phút)", serviceP50: "Phục vụ trung vị (phút)", serviceP90: "Phục vụ P90 (phút)",
        serviceMax: "Phục vụ tối đa (phút)", arrivals: "Lượt đến", arrivalsPerDay: "Trung bình mỗi ngày",
        received: "Tiếp nhận", returned: "Đã trả", onTime: "Đúng hạn", late: "Trễ hạn", overdue: "Quá hạn chưa trả",
        onTimeRate: "Tỷ lệ đúng hạn %", byPost: "Qua bưu chính", delivered: "Bưu chính đã phát",
        returnedToSender: "Bưu chính chuyển hoàn", chartWait: "Thời gian chờ theo ngày (phút)",
        chartArrivals: "Lượt đến theo giờ", chartOnTime: "Tỷ lệ trả hồ sơ đúng hạn theo dịch vụ", minutes: "phút",
        preparedBy: "Người lập biểu", approvedBy: "Chủ tịch UBND", signHint: "(Ký, ghi rõ họ tên)")

    static let km = ReportLabels(
        language: .km, title: "របាយការណ៍ជួរ និងឯកសារ", period: "រយៈពេល", madeOn: "ថ្ងៃធ្វើ", center: "អង្គភាព", total: "សរុប",
        summary: "សង្ខេប", services: "តាមសេវា", counters: "តាមបញ្ជរ", days: "តាមថ្ងៃ", hours: "តាមម៉ោង", dossiers: "ឯកសារ",
        service: "សេវា", counter: "បញ្ជរ", date: "ថ្ងៃ", hour: "ម៉ោង", name: "ឈ្មោះ", issued: "សំបុត្រ", served: "បានបម្រើ",
        noShow: "អវត្តមាន", transferred: "ផ្ទេរ", expired: "ផុតថ្ងៃ", priority: "អាទិភាព %", khmer: "ភាសាខ្មែរ %", rated: "ការវាយតម្លៃ",
        ratingMean: "ពិន្ទុពេញចិត្ត (1–4)",
        waitP50: "រង់ចាំ មធ្យម (នាទី)", waitP90: "រង់ចាំ P90 (នាទី)", waitMax: "រង់ចាំ អតិបរមា (នាទី)",
        serviceP50: "បម្រើ មធ្យម (នាទី)", serviceP90: "បម្រើ P90 (នាទី)", serviceMax: "បម្រើ អតិបរមា (នាទី)",
        arrivals: "ចំនួនមកដល់", arrivalsPerDay: "មធ្យមក្នុងមួយថ្ងៃ", received: "ទទួល", returned: "បានប្រគល់",
        onTime: "ទាន់ពេល", late: "យឺត", overdue: "ហួសកំណត់", onTimeRate: "អត្រាទាន់ពេល %", byPost: "តាមប្រៃសណីយ៍",
        delivered: "ប្រៃសណីយ៍បានបញ្ជូន", returnedToSender: "ប្រៃសណីយ៍ប្រគល់មកវិញ",
        chartWait: "ពេលរង់ចាំតាមថ្ងៃ (នាទី)", chartArrivals: "ចំនួនមកដល់តាមម៉ោង", chartOnTime: "អត្រាប្រគល់ទាន់ពេលតាមសេវា",
        minutes: "នាទី", preparedBy: "អ្នករៀបចំ", approvedBy: "ប្រធាន", signHint: "(ហត្ថលេខា និងឈ្មោះ)")

    static let en = ReportLabels(
        language: .en, title: "QUEUE AND DOSSIER REPORT", period: "Period", madeOn: "Made on", center: "Center", total: "Total",
        summary: "Summary", services: "By service", counters: "By counter", days: "By day", hours: "By hour",
        dossiers: "Dossiers", service: "Service", counter: "Counter", date: "Date", hour: "Hour", name: "Name",
        issued: "Issued", served: "Served", noShow: "No-show", transferred: "Transferred", expired: "Expired",
        priority: "Priority %", khmer: "Khmer %", rated: "Ratings", ratingMean: "Satisfaction (1–4)", waitP50: "Wait median (min)",
        waitP90: "Wait P90 (min)",
        waitMax: "Wait max (min)", serviceP50: "Service median (min)", serviceP90: "Service P90 (min)",
        serviceMax: "Service max (min)", arrivals: "Arrivals", arrivalsPerDay: "Per day (mean)", received: "Received",
        returned: "Returned", onTime: "On time", late: "Late", overdue: "Overdue", onTimeRate: "On time %", byPost: "By post",
        delivered: "Delivered by post", returnedToSender: "Returned by post",
        chartWait: "Waiting time per day (minutes)", chartArrivals: "Arrivals per hour",
        chartOnTime: "Dossiers returned on time per service", minutes: "min", preparedBy: "Prepared by",
        approvedBy: "Approved by", signHint: "(signature and full name)")
}
