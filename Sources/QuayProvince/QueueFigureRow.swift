import QuayCore

/// One row of `queue_days` or `queue_day_services` as JSON for `jsonb_to_recordset` (snake_case keys; an absent
/// key is NULL). Waits keep count, sum, P90 and maximum: the report adds counts and sums and takes maxima.
struct QueueFigureRow: Encodable {
    var site: String
    var day: String
    var center: String?
    var origin: String?
    var seq: Int64?
    var service: String?
    var name: String?
    var issued, served, noShow, transferred, expired, priority, khmer, rated, ratingSum: Int
    var waitCount: Int
    var waitSum: Double
    var waitP90, waitMax: Double?
    var serviceCount: Int
    var serviceSum: Double
    var serviceP90, serviceMax: Double?
    var arrivals: [Int]?

    init(site: String, day: LocalDate, _ f: QueueFigures) {
        (self.site, self.day) = (site, day.iso)
        (issued, served, noShow, transferred, expired) = (f.issued, f.served, f.noShow, f.transferred, f.expired)
        (priority, khmer, rated, ratingSum) = (f.priority, f.khmer, f.rated, f.ratingSum)
        (waitCount, waitSum, waitP90, waitMax) = (f.wait.count, f.wait.sum, f.wait.p90, f.wait.max)
        (serviceCount, serviceSum, serviceP90, serviceMax) = (f.serviceTime.count, f.serviceTime.sum, f.serviceTime.p90, f.serviceTime.max)
    }

    /// The column list for `jsonb_to_recordset(...) AS x(<columns>)` of the figures (after the key columns).
    static let figureColumns = """
        issued int, served int, no_show int, transferred int, expired int, priority int, khmer int, rated int,
        rating_sum int, wait_count int, wait_sum float8, wait_p90 float8, wait_max float8, service_count int,
        service_sum float8, service_p90 float8, service_max float8
        """
    static let figureNames = """
        issued, served, no_show, transferred, expired, priority, khmer, rated, rating_sum, wait_count, wait_sum, wait_p90,
        wait_max, service_count, service_sum, service_p90, service_max
        """
}
