import Foundation
import QuayControl
import QuayCore
import QuayDevices

extension OpContext {
    /// Replies with a snapshot, then streams every committed event after it (none missed, none twice),
    /// device health changes when `devices` is true (technicians), and scans with `args.scans`.
    /// A client that stops reading is cut off once it holds `watchBytesPerClient` unread bytes, or when all
    /// watchers together hold `watchBudget.limit` (the one holding most goes first): memory stays bounded.
    func watch(_ r: WatchRequest, caller: Caller) async throws -> OpOutput {
        let identity = caller.identity
        let staff = identity.role >= .technician
        if r.devices, !staff {
            throw ControlError(code: "forbidden", message: "device health on watch needs the technician role (as the devices op)")
        }
        let ledger = try state.ledger()
        let queue = OutboundLineQueue(limit: Self.watchBytesPerClient, budget: Self.watchBudget)
        let snap = try await state.watchHub.join(ledger, queue) { e in (QueueSnapshot(e), e.nextEventSeq - 1) }
        var devices: [DeviceHealthView]?
        var deviceToken: UInt64?
        if r.devices {
            devices = await state.registry.snapshot().map(DeviceHealthView.init)
            deviceToken = await state.registry.observe { h in queue.push(Wire.line(WatchLine(device: DeviceHealthView(h)))) }
        }
        // Kiosk screens follow what their scanner read (`"args":{"scans":true}`, or with devices); below
        // technician they see what a citizen at the kiosk sees, not receipt codes or dossier states.
        let scans = state.scans
        let scanToken =
            (r.devices || r.scans)
            ? scans.observe { e in queue.push(Wire.line(WatchLine(scan: staff ? e : e.citizenView))) } : nil
        let registry = state.registry
        let dtoken = deviceToken
        queue.onClose {
            if let scanToken { scans.stopObserving(scanToken) }
            if let dtoken { Task { await registry.stopObserving(dtoken) } }
        }
        return .stream(first: WatchSnapshotBody(snapshot: snap.0, lastEventSeq: snap.1, devices: devices), rest: queue)
    }

    /// Unread bytes one watcher may hold (about 2,000 event lines).
    static let watchBytesPerClient = 1 << 20
    /// Unread bytes all watchers together may hold.
    static let watchBudget = OutboundLineBudget(limit: 32 << 20)
}
