import Foundation
import Logging
import NIOConcurrencyHelpers
import QuayControl
import QuayCore
import QuayDevices
import QuayStore

/// What the running daemon holds: configuration, the ledger (or why it is unavailable), devices, messages.
public final class DaemonState: Sendable {
    public static let version = "0.1.0"

    private let box: NIOLockedValueBox<Inner>
    public let registry: DeviceRegistry
    /// Scans from the scanners, for `watch` (kiosk screens) and `device-test`.
    let scans = ScanFeed()
    /// The encoded `queue` snapshot between changes.
    let queueCache = QueueSnapshotCache()
    /// Committed events to every `watch` stream, encoded once.
    let watchHub = WatchHub()
    /// Prometheus metrics (`/metrics`), following the open ledger.
    let metrics = DaemonMetrics()
    /// Rung by a commit that enqueued a notifier delivery.
    let notifierWakeup = NotifierWakeup()
    /// Point/center sync when `[sync]` is configured (set once at start; a reload does not change it).
    private let syncBox = NIOLockedValueBox<SyncRuntime?>(nil)
    var sync: SyncRuntime? {
        get { syncBox.withLockedValue { $0 } }
        set { syncBox.withLockedValue { $0 = newValue } }
    }
    public let logger: Logger
    public let startedAt = Date()

    struct Inner {
        var config: QuayConfig
        var ledger: Ledger?
        var storeError: StoreError?
        var catalog: MessageCatalog
    }

    init(config: QuayConfig, ledger: Ledger?, storeError: StoreError?, catalog: MessageCatalog, registry: DeviceRegistry, logger: Logger) {
        box = NIOLockedValueBox(Inner(config: config, ledger: ledger, storeError: storeError, catalog: catalog))
        self.registry = registry
        self.logger = logger
        if let ledger { Task { [metrics] in await metrics.attach(ledger) } }
    }

    public var config: QuayConfig { box.withLockedValue { $0.config } }
    public var catalog: MessageCatalog { box.withLockedValue { $0.catalog } }
    public var ledgerIfOpen: Ledger? { box.withLockedValue { $0.ledger } }
    var storeError: StoreError? { box.withLockedValue { $0.storeError } }

    func replace(config: QuayConfig, catalog: MessageCatalog) {
        box.withLockedValue {
            $0.config = config
            $0.catalog = catalog
        }
    }

    func setLedger(_ l: Ledger?, error: StoreError?) {
        box.withLockedValue {
            $0.ledger = l
            $0.storeError = error
        }
        if let l { Task { [metrics] in await metrics.attach(l) } }
    }

    /// The ledger, or the reason it is not available as a protocol error.
    func ledger() throws(ControlError) -> Ledger {
        let (l, e) = box.withLockedValue { ($0.ledger, $0.storeError) }
        if let l { return l }
        let err = e ?? .unavailable("not opened")
        throw ControlError(code: err.code, message: err.description, citizen: citizenText("kiosk.store-unavailable"))
    }

    /// A catalogue message in every language, for errors a kiosk shows.
    func citizenText(_ key: String, _ args: [String: String] = [:]) -> [String: String] {
        let c = catalog
        var out: [String: String] = [:]
        for l in Language.allCases { out[l.rawValue] = c.text(key, l, args) }
        return out
    }
}
