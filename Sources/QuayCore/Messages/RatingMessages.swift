extension MessageCatalog {
    /// The counter's rating screen (`rate.*`), in the ticket's language. Khmer unreviewed until checked locally.
    static func addRatingTexts(_ c: inout MessageCatalog) {
        func add(_ key: String, vi: String, km: String, en: String) {
            c.set(key, .vi, Entry(text: vi, reviewed: true))
            c.set(key, .km, Entry(text: km, reviewed: false))
            c.set(key, .en, Entry(text: en, reviewed: true))
        }
        add("rate.counter", vi: "Quầy {counter}", km: "បញ្ជរលេខ {counter}", en: "Counter {counter}")
        add("rate.serving", vi: "Đang phục vụ số {number}", km: "កំពុងបម្រើលេខ {number}", en: "Now serving number {number}")
        add("rate.question", vi: "Bạn hài lòng với sự phục vụ không?", km: "តើអ្នកពេញចិត្តនឹងសេវាកម្មទេ?", en: "How was your service?")
        add("rate.1", vi: "Không hài lòng", km: "មិនពេញចិត្ត", en: "Bad")
        add("rate.2", vi: "Chưa tốt", km: "មិនសូវល្អ", en: "Not good")
        add("rate.3", vi: "Tốt", km: "ល្អ", en: "Good")
        add("rate.4", vi: "Rất tốt", km: "ល្អណាស់", en: "Very good")
        add("rate.thanks", vi: "Cảm ơn bạn đã đánh giá!", km: "សូមអរគុណសម្រាប់ការវាយតម្លៃ!", en: "Thank you for your rating!")
        add("rate.welcome", vi: "Xin chào", km: "សូមស្វាគមន៍", en: "Welcome")
    }
}
