import Foundation
import QuayControl
import QuayCore
import QuayStore

/// What the ops work with, built once at start: the daemon's state, the printers, the devices, the dossier desk
/// and how to reload. The ops themselves are methods on it, by topic (QueueOps, InfoOps, DossierOps…), and
/// `OpTable.standard` binds each `OpCatalog` entry to one of them.
struct OpContext: Sendable {
    let state: DaemonState
    let printers: Printers?
    let devices: DaemonDevices?
    let desk: DossierDesk
    let voice: VoiceStation?
    let reload: @Sendable () async throws -> Void

    init(
        state: DaemonState, printers: Printers?, devices: DaemonDevices?, voice: VoiceStation? = nil,
        reload: @escaping @Sendable () async throws -> Void
    ) {
        self.state = state
        self.printers = printers
        self.devices = devices
        self.voice = voice
        self.desk = DossierDesk(state: state)
        self.reload = reload
    }

    func controlError(_ e: QueueError) -> ControlError {
        ControlError(code: e.code, message: e.description, citizen: e.citizenMessageKey.map { state.citizenText($0) })
    }

    /// Checked before a number is allocated: a printer that cannot print refuses the issue. Printer work leaves
    /// the event loop (`issue` runs on it).
    func printerPrecheck(kiosk: String?) async -> ControlError? {
        guard let printers else { return nil }
        return await withTaskExecutorPreference(globalConcurrentExecutor) { await printers.precheck(kiosk: kiosk) }
    }

    /// Prints an issued ticket; nil when no printer serves the kiosk.
    func printTicket(_ t: Ticket, _ ctx: IssueContext) async -> PrintOutcome? {
        guard let printers else { return nil }
        return await withTaskExecutorPreference(globalConcurrentExecutor) { await printers.print(t, ctx) }
    }
}

/// What a ticket print needs beyond the ticket.
struct IssueContext: Sendable {
    var waitingAhead: Int
    var estimatedWaitMinutes: Int?
    var counters: [String]
    var kiosk: String?
    /// The ticket's "my ticket" token (`issue` with `follow`): its printed QR is the phone page's address.
    var follow: String? = nil
}
