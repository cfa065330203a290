extension MessageCatalog {
    /// The "my ticket" phone page (`follow.*`), in the ticket's language. Khmer unreviewed until checked locally.
    static func addFollowTexts(_ c: inout MessageCatalog) {
        func add(_ key: String, vi: String, km: String, en: String) {
            c.set(key, .vi, Entry(text: vi, reviewed: true))
            c.set(key, .km, Entry(text: km, reviewed: false))
            c.set(key, .en, Entry(text: en, reviewed: true))
        }
        add("follow.title", vi: "Số thứ tự của bạn", km: "លេខរៀងរបស់អ្នក", en: "Your queue number")
        add("follow.waiting", vi: "Đang chờ đến lượt", km: "កំពុងរង់ចាំវេន", en: "Waiting for your turn")
        add(
            "follow.called", vi: "Mời số {number} đến quầy {counter}", km: "សូមអញ្ជើញលេខ {number} មកបញ្ជរលេខ {counter}",
            en: "Number {number}, please go to counter {counter}")
        add(
            "follow.serving", vi: "Bạn đang được phục vụ tại quầy {counter}", km: "អ្នកកំពុងទទួលសេវានៅបញ្ជរលេខ {counter}",
            en: "You are being served at counter {counter}")
        add(
            "follow.done", vi: "Lượt của bạn đã xong. Cảm ơn bạn!", km: "វេនរបស់អ្នកបានបញ្ចប់។ សូមអរគុណ!",
            en: "Your turn is over. Thank you!")
        add(
            "follow.no-show", vi: "Số của bạn đã được gọi nhưng bạn chưa đến. Vui lòng hỏi cán bộ.",
            km: "លេខរបស់អ្នកត្រូវបានហៅ ប៉ុន្តែអ្នកមិនបានមក។ សូមសួរមន្ត្រី។",
            en: "Your number was called but you did not come. Please ask a staff member.")
        add(
            "follow.expired", vi: "Phiếu này không còn hiệu lực (chỉ dùng trong ngày lấy số).",
            km: "សំបុត្រនេះលែងមានសុពលភាពហើយ (ប្រើបានតែនៅថ្ងៃយកលេខប៉ុណ្ណោះ)។",
            en: "This ticket is no longer valid (it is valid on the day it was taken).")
        add("follow.live", vi: "Tự cập nhật", km: "ធ្វើបច្ចុប្បន្នភាពដោយស្វ័យប្រវត្តិ", en: "Updates by itself")
        add("follow.reconnecting", vi: "Đang kết nối lại…", km: "កំពុងភ្ជាប់ឡើងវិញ…", en: "Reconnecting…")
        add(
            "kiosk.ui.follow-qr", vi: "Quét mã QR để theo dõi lượt trên điện thoại", km: "ស្កេនកូដ QR ដើម្បីតាមដានវេនរបស់អ្នកតាមទូរស័ព្ទ",
            en: "Scan this QR to follow your turn on your phone")
    }
}
