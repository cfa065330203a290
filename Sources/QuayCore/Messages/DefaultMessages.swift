extension MessageCatalog {
    /// Built-in texts. Vietnamese and English are reviewed; Khmer is marked unreviewed until checked locally.
    public static let builtIn: MessageCatalog = {
        var c = MessageCatalog()
        func add(_ key: String, vi: String, km: String, en: String) {
            c.set(key, .vi, Entry(text: vi, reviewed: true))
            c.set(key, .km, Entry(text: km, reviewed: false))
            c.set(key, .en, Entry(text: en, reviewed: true))
        }
        add("ticket.title", vi: "PHIẾU THỨ TỰ", km: "សំបុត្រលេខរៀង", en: "QUEUE TICKET")
        add("ticket.service", vi: "Dịch vụ: {service}", km: "សេវា៖ {service}", en: "Service: {service}")
        add(
            "ticket.waiting-ahead", vi: "Số người chờ trước bạn: {count}", km: "ចំនួនអ្នករង់ចាំមុនអ្នក៖ {count}",
            en: "People ahead of "
                + "you: {count}"
        )
        add(
            "ticket.estimated-wait", vi: "Thời gian chờ dự kiến: {minutes} phút", km: "រយៈពេលរង់ចាំប្រហែល៖ {minutes} នាទី",
            en: "Estimated wait: {minutes} min")
        add("ticket.counters", vi: "Quầy phục vụ: {counters}", km: "បញ្ជរបម្រើ៖ {counters}", en: "Counters: {counters}")
        add("ticket.issued-at", vi: "Giờ lấy số: {time}", km: "ម៉ោងយកលេខ៖ {time}", en: "Issued at: {time}")
        add(
            "ticket.footer", vi: "Vui lòng chờ đến lượt khi số của bạn được gọi", km: "សូមរង់ចាំរហូតដល់លេខរបស់អ្នកត្រូវបានហៅ",
            en: "Please wait until your number is called")
        add("ticket.priority", vi: "Ưu tiên", km: "អាទិភាព", en: "Priority")
        add(
            "kiosk.capacity-reached", vi: "Đã hết số thứ tự cho dịch vụ này hôm nay. Xin mời quay lại vào ngày làm việc tiếp theo.",
            km: "លេខរៀងសម្រាប់សេវានេះអស់ហើយសម្រាប់ថ្ងៃនេះ។ សូមត្រឡប់មកវិញនៅថ្ងៃធ្វើការបន្ទាប់។",
            en: "No more tickets for this service today. Please come back on the next working day.")
        add(
            "kiosk.service-closed", vi: "Dịch vụ này hiện không làm việc. Xin mời quay lại trong giờ làm việc.",
            km: "សេវានេះមិនទាន់បើកទេ។ សូមត្រឡប់មកវិញក្នុងម៉ោងធ្វើការ។",
            en: "This service is closed now. Please come back during "
                + "opening hours.")
        add(
            "printer.paper-out", vi: "Máy in hết giấy. Vui lòng báo cán bộ hướng dẫn.",
            km: "ម៉ាស៊ីនបោះពុម្ពអស់ក្រដាស។ "
                + "សូមជូនដំណឹងដល់មន្ត្រី។",
            en: "The printer is out of paper. Please tell a staff member.")
        add(
            "printer.cover-open", vi: "Nắp máy in đang mở. Vui lòng báo cán bộ hướng dẫn.",
            km: "គម្របម៉ាស៊ីនបោះពុម្ពបើក។ "
                + "សូមជូនដំណឹងដល់មន្ត្រី។",
            en: "The printer cover is open. Please tell a staff member.")
        add(
            "printer.offline", vi: "Máy in đang gặp sự cố. Vui lòng báo cán bộ hướng dẫn.",
            km: "ម៉ាស៊ីនបោះពុម្ពមានបញ្ហា។ "
                + "សូមជូនដំណឹងដល់មន្ត្រី។",
            en: "The printer has a problem. Please tell a staff member.")
        add(
            "printer.disconnected", vi: "Máy in chưa được kết nối. Vui lòng báo cán bộ hướng dẫn.",
            km: "ម៉ាស៊ីនបោះពុម្ពមិនបានភ្ជាប់។ "
                + "សូមជូនដំណឹងដល់មន្ត្រី។",
            en: "The printer is not connected. Please tell a staff member.")
        add(
            "printer.stalled", vi: "Máy in không phản hồi. Vui lòng báo cán bộ hướng dẫn.",
            km: "ម៉ាស៊ីនបោះពុម្ពមិនឆ្លើយតប។ "
                + "សូមជូនដំណឹងដល់មន្ត្រី។",
            en: "The printer does not respond. Please tell a staff member.")
        add(
            "printer.error", vi: "Máy in đang gặp sự cố. Vui lòng báo cán bộ hướng dẫn.",
            km: "ម៉ាស៊ីនបោះពុម្ពមានបញ្ហា។ "
                + "សូមជូនដំណឹងដល់មន្ត្រី។",
            en: "The printer has a problem. Please tell a staff member.")
        add(
            "printer.number-kept", vi: "Số của bạn là {number} và vẫn được giữ; cán bộ sẽ in lại phiếu.",
            km: "លេខរបស់អ្នកគឺ {number} ហើយនៅតែរក្សាទុក។ មន្ត្រីនឹងបោះពុម្ពសំបុត្រឡើងវិញ។",
            en: "Your number is {number} and it is kept; staff will reprint the ticket.")
        add(
            "kiosk.store-unavailable", vi: "Hệ thống tạm thời không cấp được số. Vui lòng báo cán bộ hướng dẫn.",
            km: "ប្រព័ន្ធមិនអាចផ្តល់លេខបានបណ្តោះអាសន្ន។ សូមជូនដំណឹងដល់មន្ត្រី។",
            en: "The system cannot issue tickets right now. Please "
                + "tell a staff member.")
        add(
            "kiosk.pickup.unreadable-code", vi: "Không đọc được mã biên nhận. Vui lòng thử lại hoặc đưa biên nhận cho cán bộ.",
            km: "មិនអាចអានលេខបង្កាន់ដៃបានទេ។ សូមព្យាយាមម្តងទៀត ឬបង្ហាញបង្កាន់ដៃដល់មន្ត្រី។",
            en: "The receipt code could not be read. Please try again or show the receipt to a staff member.")
        add(
            "kiosk.pickup.unknown-receipt", vi: "Không tìm thấy hồ sơ với biên nhận này. Vui lòng hỏi cán bộ.",
            km: "រកមិនឃើញឯកសារតាមបង្កាន់ដៃនេះទេ។ សូមសួរមន្ត្រី។", en: "No dossier was found for this receipt. Please ask a staff member.")
        add(
            "kiosk.pickup.result-not-ready", vi: "Hồ sơ chưa có kết quả. Vui lòng quay lại vào ngày hẹn trả.",
            km: "ឯកសារមិនទាន់មានលទ្ធផលនៅឡើយ។ សូមត្រឡប់មកវិញនៅថ្ងៃណាត់។",
            en: "The results are not ready yet. Please come back on the "
                + "appointment date.")
        add(
            "kiosk.pickup.needs-supplement", vi: "Hồ sơ cần bổ sung giấy tờ. Vui lòng lấy số nộp hồ sơ để gặp cán bộ.",
            km: "ឯកសារត្រូវការបំពេញបន្ថែម។ សូមយកលេខដើម្បីជួបមន្ត្រី។",
            en: "The dossier needs more documents. Please take a submission ticket to see a clerk.")
        add(
            "kiosk.pickup.already-returned", vi: "Kết quả của hồ sơ này đã được trả.", km: "លទ្ធផលនៃឯកសារនេះត្រូវបានប្រគល់រួចហើយ។",
            en: "The results of this dossier have already been handed over.")
        add(
            "kiosk.pickup.sent-by-post", vi: "Kết quả của hồ sơ này được gửi qua bưu điện.",
            km: "លទ្ធផលនៃឯកសារនេះត្រូវបានផ្ញើតាមប្រៃសណីយ៍។",
            en: "The results of this dossier are sent by post.")
        add(
            "kiosk.pickup.dossier-closed", vi: "Hồ sơ này đã kết thúc. Vui lòng hỏi cán bộ.", km: "ឯកសារនេះត្រូវបានបិទ។ សូមសួរមន្ត្រី។",
            en: "This dossier is closed. Please ask a staff member.")
        // The hall page (hall.html shows the same texts until the first snapshot carries these).
        add(
            "hall.calling", vi: "Mời số {number} đến quầy {counter}", km: "សូមអញ្ជើញលេខ {number} មកបញ្ជរលេខ {counter}",
            en: "Number {number}, please go to counter {counter}")
        add(
            "voice.call", vi: "Mời công dân có số {number} đến quầy số {counter}",
            km: "សូមអញ្ជើញលេខ {number} មកបញ្ជរលេខ {counter}", en: "Number {number}, please go to counter {counter}")
        add(
            "voice.recall", vi: "Xin nhắc lại, mời công dân có số {number} đến quầy số {counter}",
            km: "សូមអញ្ជើញម្តងទៀត លេខ {number} មកបញ្ជរលេខ {counter}",
            en: "Again, number {number}, please go to counter {counter}")
        add(
            "voice.results-ready", vi: "Hồ sơ có biên nhận số cuối {code} đã có kết quả, mời công dân đến nhận",
            km: "ឯកសារដែលមានបង្កាន់ដៃលេខចុងក្រោយ {code} មានលទ្ធផលហើយ សូមអញ្ជើញមកទទួល",
            en: "Results for the receipt ending {code} are ready, please come to collect them")
        add(
            "voice.test", vi: "Đây là thông báo thử của hệ thống gọi số", km: "នេះជាការសាកល្បងប្រព័ន្ធហៅលេខ",
            en: "This is a test of the calling system")
        add("hall.title", vi: "Mời công dân theo số thứ tự", km: "សូមអញ្ជើញប្រជាពលរដ្ឋតាមលេខរៀង", en: "Citizens are called by number")
        add("hall.number", vi: "Số", km: "លេខ", en: "Number")
        add("hall.counter", vi: "Quầy", km: "បញ្ជរ", en: "Counter")
        add("hall.none-called", vi: "Chưa gọi số nào", km: "មិនទាន់ហៅលេខនៅឡើយ", en: "No number called yet")
        add("hall.recent", vi: "Vừa gọi", km: "ទើបហៅ", en: "Just called")
        add("hall.reconnecting", vi: "Đang kết nối lại…", km: "កំពុងភ្ជាប់ឡើងវិញ…", en: "Reconnecting…")
        add("hall.results-ready", vi: "Hồ sơ có kết quả", km: "លទ្ធផលឯកសាររួចរាល់", en: "Results ready")
        add("hall.waiting", vi: "Đang chờ", km: "កំពុងរង់ចាំ", en: "Waiting")
        // The Alpha hall sign (Vietnamese, folded to ASCII by the driver): masked receipt codes whose result is ready.
        add("sign.results-ready", vi: "Đã có kết quả: {codes}", km: "មានលទ្ធផល៖ {codes}", en: "Results ready: {codes}")
        addKioskTexts(&c)
        addFollowTexts(&c)
        addRatingTexts(&c)
        return c
    }()
}
