import QuayCore

/// `report`: the queue and dossier figures of a period. quayctl renders them (table, CSV, XLSX, PNG, PDF) on the
/// caller's machine, so no binary travels over the socket; `milliseconds` is the time quayd spent in SQL.
public struct ReportBody: Codable, Sendable, Equatable {
    public var report: QueueReport
    public var milliseconds: Int

    public init(report: QueueReport, milliseconds: Int) {
        self.report = report
        self.milliseconds = milliseconds
    }
}
