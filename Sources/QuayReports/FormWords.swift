import QuayCore

/// The report page form's words (period kinds and filters), in the page's language.
struct FormWords: Sendable {
    var period, day, week, month, range, from, to, service, counter, all: String

    static func forLanguage(_ l: Language) -> FormWords {
        switch l {
        case .vi:
            FormWords(
                period: "Kỳ", day: "Ngày", week: "Tuần", month: "Tháng", range: "Khoảng ngày", from: "Từ", to: "Đến",
                service: "Dịch vụ", counter: "Quầy", all: "Tất cả")
        case .km:
            FormWords(
                period: "រយៈពេល", day: "ថ្ងៃ", week: "សប្តាហ៍", month: "ខែ", range: "ចន្លោះថ្ងៃ", from: "ពី", to: "ដល់",
                service: "សេវា", counter: "បញ្ជរ", all: "ទាំងអស់")
        case .en:
            FormWords(
                period: "Period", day: "Day", week: "Week", month: "Month", range: "Date range", from: "From", to: "To",
                service: "Service", counter: "Counter", all: "All")
        }
    }
}
