extension MessageCatalog {
    /// The kiosk touch screen's own texts (its refusals are the `kiosk.*` and `printer.*` citizen texts).
    /// Vietnamese and English reviewed; Khmer unreviewed until checked locally.
    static func addKioskTexts(_ c: inout MessageCatalog) {
        func add(_ key: String, vi: String, km: String, en: String) {
            c.set(key, .vi, Entry(text: vi, reviewed: true))
            c.set(key, .km, Entry(text: km, reviewed: false))
            c.set(key, .en, Entry(text: en, reviewed: true))
        }
        add("kiosk.ui.welcome", vi: "Xin mời chọn ngôn ngữ", km: "សូមជ្រើសរើសភាសា", en: "Please choose your language")
        add("kiosk.ui.language-name", vi: "Tiếng Việt", km: "ភាសាខ្មែរ", en: "English")
        add("kiosk.ui.choose-service", vi: "Chọn dịch vụ", km: "ជ្រើសរើសសេវា", en: "Choose a service")
        add("kiosk.ui.waiting", vi: "{count} người đang chờ", km: "មនុស្ស {count} នាក់កំពុងរង់ចាំ", en: "{count} waiting")
        add("kiosk.ui.estimate", vi: "Chờ khoảng {minutes} phút", km: "រង់ចាំប្រហែល {minutes} នាទី", en: "About {minutes} min wait")
        add("kiosk.ui.no-counter-open", vi: "Chưa có quầy mở", km: "មិនទាន់មានបញ្ជរបើក", en: "No counter open yet")
        add(
            "kiosk.ui.priority-question", vi: "Bạn có thuộc diện ưu tiên không?", km: "តើអ្នកមានសិទ្ធិអាទិភាពទេ?",
            en: "Do you have priority?")
        add("kiosk.ui.no-priority", vi: "Không ưu tiên", km: "គ្មានអាទិភាព", en: "No priority")
        add(
            "kiosk.ui.priority-note", vi: "Cán bộ có thể đề nghị xuất trình giấy tờ chứng minh.",
            km: "មន្ត្រីអាចស្នើសុំមើលឯកសារបញ្ជាក់។", en: "Staff may ask to see proof.")
        add(
            "kiosk.ui.priority-note.elderly", vi: "Từ 60 tuổi trở lên; cán bộ có thể xem CCCD.",
            km: "អាយុ ៦០ ឆ្នាំឡើងទៅ; មន្ត្រីអាចមើលអត្តសញ្ញាណប័ណ្ណ។", en: "Aged 60 or over; staff may check your ID card.")
        add(
            "kiosk.ui.priority-note.disability", vi: "Người khuyết tật hoặc người đi cùng.", km: "ជនពិការ ឬអ្នកអមដំណើរ។",
            en: "A person with a disability, or their companion.")
        add(
            "kiosk.ui.priority-note.pregnant-child", vi: "Đang mang thai hoặc bế con dưới 36 tháng tuổi.",
            km: "កំពុងមានផ្ទៃពោះ ឬពរកូនអាយុក្រោម ៣៦ ខែ។", en: "Pregnant, or carrying a child under 36 months.")
        add(
            "kiosk.ui.priority-note.merit", vi: "Người có công với cách mạng, thương binh; cán bộ có thể xem thẻ.",
            km: "អ្នកមានគុណូបការៈ ឬយុទ្ធជនរបួស; មន្ត្រីអាចមើលប័ណ្ណ។", en: "War veteran or person of merit; staff may check your card.")
        add("kiosk.ui.printing", vi: "Đang in phiếu…", km: "កំពុងបោះពុម្ពសំបុត្រ…", en: "Printing your ticket…")
        add("kiosk.ui.your-number", vi: "Số của bạn", km: "លេខរបស់អ្នក", en: "Your number")
        add(
            "kiosk.ui.take-ticket", vi: "Xin mời nhận phiếu bên dưới", km: "សូមយកសំបុត្រនៅខាងក្រោម",
            en: "Please take your ticket below")
        add("kiosk.ui.done", vi: "Xong", km: "រួចរាល់", en: "Done")
        add("kiosk.ui.back", vi: "Quay lại", km: "ត្រឡប់ក្រោយ", en: "Back")
        add(
            "kiosk.ui.receipt", vi: "Nhận kết quả hồ sơ (có biên nhận)", km: "ទទួលលទ្ធផលឯកសារ (មានបង្កាន់ដៃ)",
            en: "Collect results (I have a receipt)")
        add(
            "kiosk.ui.receipt-enter", vi: "Nhập mã trên biên nhận, hoặc đưa mã QR của biên nhận vào máy quét",
            km: "វាយលេខនៅលើបង្កាន់ដៃ ឬដាក់កូដ QR នៃបង្កាន់ដៃនៅក្រោមម៉ាស៊ីនស្កេន",
            en: "Type the code on your receipt, or hold its QR code under the scanner")
        add("kiosk.ui.receipt-ok", vi: "Lấy số nhận kết quả", km: "យកលេខទទួលលទ្ធផល", en: "Take a number")
        add("kiosk.ui.sorry", vi: "Xin lỗi", km: "សូមអភ័យទោស", en: "Sorry")
        add(
            "kiosk.ui.show-staff", vi: "Vui lòng đưa số này cho cán bộ xem.", km: "សូមបង្ហាញលេខនេះដល់មន្ត្រី។",
            en: "Please show this number to staff.")
        add(
            "kiosk.ui.cccd-suggests", vi: "Đã đọc CCCD: bạn từ 60 tuổi trở lên và có thể chọn ưu tiên người cao tuổi.",
            km: "បានអានអត្តសញ្ញាណប័ណ្ណ៖ អ្នកមានអាយុ ៦០ ឆ្នាំឡើងទៅ ហើយអាចជ្រើសរើសអាទិភាពសម្រាប់មនុស្សចាស់។",
            en: "ID card read: you are 60 or over and may choose the elderly priority.")
        add("kiosk.ui.cccd-read", vi: "Đã đọc CCCD.", km: "បានអានអត្តសញ្ញាណប័ណ្ណ។", en: "ID card read.")
        add("kiosk.ui.suggested", vi: "Gợi ý theo CCCD", km: "ណែនាំតាមអត្តសញ្ញាណប័ណ្ណ", en: "Suggested by your ID card")
        add(
            "kiosk.ui.scan-unreadable", vi: "Không đọc được mã. Vui lòng quét lại.", km: "មិនអាចអានកូដបានទេ។ សូមស្កេនម្តងទៀត។",
            en: "The code could not be read. Please scan it again.")
        add(
            "kiosk.ui.offline", vi: "Máy lấy số tạm thời không kết nối được. Vui lòng báo cán bộ hướng dẫn.",
            km: "ម៉ាស៊ីនយកលេខមិនអាចភ្ជាប់បានបណ្តោះអាសន្ន។ សូមជូនដំណឹងដល់មន្ត្រី។",
            en: "This kiosk cannot reach the system right now. Please tell a staff member.")
    }
}
