/// The embedded demo (`quayd run --demo`): a commune center in the Mekong delta with four services and five
/// counters, one of them Khmer-speaking. Paths are replaced by a temporary state directory at startup.
public enum DemoConfig {
    public static let toml = #"""
        [center]
        site = "demo-an-binh"
        name_vi = "Trung tâm Phục vụ hành chính công xã An Bình"
        name_km = "មជ្ឈមណ្ឌលបម្រើសេវារដ្ឋបាលសាធារណៈឃុំអានប៊ិញ"
        name_en = "An Binh Commune Public Administration Service Center"
        timezone = "Asia/Ho_Chi_Minh"
        day_reset = "00:00"

        [policy]
        regular_per_priority = 2
        language_fallback_minutes = 10
        aging_minutes = 30
        max_recalls = 3

        [[service]]
        id = "hotich"
        prefix = "A"
        name_vi = "Tư pháp – Hộ tịch"
        name_km = "យុត្តិធម៌ – អត្រានុកូលដ្ឋាន"
        name_en = "Justice – Civil registration"
        range = [1, 999]
        capacity = 400

        [[service]]
        id = "datdai"
        prefix = "B"
        name_vi = "Đất đai"
        name_km = "ដីធ្លី"
        name_en = "Land"
        range = [1, 999]
        capacity = 200

        [[service]]
        id = "kinhdoanh"
        prefix = "C"
        name_vi = "Kinh doanh"
        name_km = "អាជីវកម្ម"
        name_en = "Business registration"
        range = [1, 999]

        [[service]]
        id = "chinhsach"
        prefix = "D"
        name_vi = "Chính sách xã hội"
        name_km = "គោលនយោបាយសង្គម"
        name_en = "Social policy"
        range = [1, 999]

        [[counter]]
        id = "q1"
        number = "1"
        services = ["hotich", "chinhsach"]
        languages = ["vi"]

        [[counter]]
        id = "q2"
        number = "2"
        services = ["hotich"]
        languages = ["vi", "km"]

        [[counter]]
        id = "q3"
        number = "3"
        services = ["datdai"]
        languages = ["vi"]

        [[counter]]
        id = "q4"
        number = "4"
        services = ["kinhdoanh", "datdai"]
        languages = ["vi", "en"]

        [[counter]]
        id = "q5"
        number = "5"
        services = ["chinhsach", "hotich"]
        languages = ["vi"]

        [dossiers]
        # Citizens collecting results get a ticket for Tư pháp – Hộ tịch (counter 1, 2 or 5).
        return_service = "hotich"

        [access]
        # The demo lets anyone on this machine act as admin; production configs use "none" and grants.
        default_role = "admin"

        [web]
        enabled = true
        host = "127.0.0.1"
        port = 8080
        # The kiosk touch screen: http://127.0.0.1:8080/kiosk/main (printed on the demo's virtual printer).
        kiosks = ["main"]
        # Printed tickets' QR: the phone page at this address (a center sets its LAN address here).
        public_url = "http://127.0.0.1:8080"
        """#
}
