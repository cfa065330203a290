import QuayCore

/// The words of the province report beyond the center report's (`base`): Vietnamese by default, English;
/// Khmer uses the English words for these few (the center report's words stay Khmer).
public struct ProvinceLabels: Sendable {
    public var base: ReportLabels
    var title, province, communes, commune, district, site, centerDays: String
    var waitMean, waitMax, worstP90, serviceMean, waitNote, chartOnTime, chartIssued: String

    public static func forLanguage(_ l: Language) -> ProvinceLabels {
        switch l {
        case .vi: vi
        case .km: ProvinceLabels(base: .forLanguage(.km), copying: en)
        case .en: en
        }
    }

    private init(base: ReportLabels, copying o: ProvinceLabels) {
        self = o
        self.base = base
    }

    private init(
        base: ReportLabels, title: String, province: String, communes: String, commune: String, district: String, site: String,
        centerDays: String, waitMean: String, waitMax: String, worstP90: String, serviceMean: String, waitNote: String,
        chartOnTime: String, chartIssued: String
    ) {
        (self.base, self.title, self.province, self.communes, self.commune) = (base, title, province, communes, commune)
        (self.district, self.site, self.centerDays, self.waitMean, self.waitMax) = (district, site, centerDays, waitMean, waitMax)
        (self.worstP90, self.serviceMean, self.waitNote) = (worstP90, serviceMean, waitNote)
        (self.chartOnTime, self.chartIssued) = (chartOnTime, chartIssued)
    }

    static let vi = ProvinceLabels(
        base: .vi, title: "BÁO CÁO TỔNG HỢP HÀNG ĐỢI VÀ HỒ SƠ TOÀN TỈNH", province: "Tỉnh", communes: "Theo xã, phường",
        commune: "Xã, phường", district: "Huyện", site: "Mã điểm", centerDays: "Số ngày-điểm có số liệu",
        waitMean: "Chờ trung bình (phút)", waitMax: "Chờ tối đa (phút)", worstP90: "P90 chờ cao nhất trong ngày (phút)",
        serviceMean: "Phục vụ trung bình (phút)",
        waitNote:
            "Thời gian chờ: trung bình và tối đa tính chính xác trên mọi phiếu; phân vị không cộng dồn được, "
            + "nên cột P90 là P90 cao nhất của một điểm trong một ngày.",
        chartOnTime: "Tỷ lệ trả hồ sơ đúng hạn theo dịch vụ", chartIssued: "Số phiếu theo ngày")

    static let en = ProvinceLabels(
        base: .en, title: "PROVINCE QUEUE AND DOSSIER REPORT", province: "Province", communes: "By commune", commune: "Commune",
        district: "District", site: "Site", centerDays: "Center-days reported", waitMean: "Wait mean (min)",
        waitMax: "Wait max (min)", worstP90: "Highest daily P90 wait (min)", serviceMean: "Service mean (min)",
        waitNote:
            "Waiting times: mean and maximum are exact over every ticket; percentiles do not add, so the P90 column "
            + "is the highest P90 of one center on one day.",
        chartOnTime: "Dossiers returned on time per service", chartIssued: "Tickets issued per day")
}
