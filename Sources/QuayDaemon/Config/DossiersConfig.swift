import QuayCore

/// `[dossiers]`: result return at the kiosk, the result-ready notifier and the CSV import mapping.
public struct DossiersConfig: Sendable {
    /// Queue service of the return counter; nil = issue-return is refused (`not-configured`).
    public var returnService: String?
    /// Priority class id given to return tickets.
    public var returnPriority: String?
    /// Issue a return ticket even before the result is ready.
    public var allowBeforeReady = false
    /// Command (argv) run with the JSON payload on stdin for each result-ready transition; nil = no notifier.
    public var notifierCommand: [String]?
    public var notifierBackoff = NotifierBackoff()
    /// A notifier run longer than this is killed and counts as failed.
    public var notifierTimeoutSeconds: Double = 30
    /// How often the outbox is checked for due retries.
    public var notifierPollSeconds: Double = 1
    /// Column mapping of provincial CSV exports; default: the common Vietnamese headers (`DossierSampleData.mapping`).
    public var csvMapping: CSVColumnMapping = DossierSampleData.mapping

    public init() {}

    public var pickup: ResultPickupConfig? {
        returnService.map { ResultPickupConfig(service: $0, priorityClass: returnPriority, allowBeforeReady: allowBeforeReady) }
    }
}
