/// The body type each op's success reply decodes into (docs/protocol.md). quayd encodes these types; quayctl,
/// tests and other clients decode them. `watch` answers `WatchSnapshotBody` first, then `WatchLine`s.
/// `device-test` answers one of three shapes, hence `DeviceTestBody`.
public enum OpReplies {
    public static func bodyType(for op: String) -> (any Codable.Type)? {
        switch op {
        case OpCatalog.ping.name, OpCatalog.version.name: PingBody.self
        case OpCatalog.config.name: ConfigBody.self
        case OpCatalog.queue.name: QueueBody.self
        case OpCatalog.issue.name, OpCatalog.reprint.name: IssueBody.self
        case OpCatalog.watch.name: WatchSnapshotBody.self
        case OpCatalog.i18nStatus.name: I18nBody.self
        case OpCatalog.issueReturn.name: IssueReturnBody.self
        case OpCatalog.resultsReady.name: ResultsReadyBody.self
        case OpCatalog.callNext.name, OpCatalog.recall.name, OpCatalog.startServing.name, OpCatalog.done.name, OpCatalog.noShow.name,
             OpCatalog.returnToQueue.name, OpCatalog.transfer.name: TicketBody.self
        case OpCatalog.counter.name: CounterBody.self
        case OpCatalog.counters.name: CountersBody.self
        case OpCatalog.stats.name: QueueStatsBody.self
        case OpCatalog.dossierCreate.name, OpCatalog.dossierUpdate.name, OpCatalog.dossierGet.name: DossierBody.self
        case OpCatalog.dossierStats.name: DossierStatsBody.self
        case OpCatalog.dossierImport.name: DossierImportBody.self
        case OpCatalog.dossierOutbox.name: DossierOutboxBody.self
        case OpCatalog.devices.name: DevicesBody.self
        case OpCatalog.deviceTest.name: DeviceTestBody.self
        case OpCatalog.deviceIdentify.name: DeviceCheckBody.self
        case OpCatalog.printTest.name: PrintTestBody.self
        case OpCatalog.preview.name: PreviewBody.self
        case OpCatalog.reload.name: Empty.self
        default: nil
        }
    }
}
