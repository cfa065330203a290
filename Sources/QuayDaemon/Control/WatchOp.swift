import Foundation
import NIOConcurrencyHelpers
import QuayControl
import QuayCore
import QuayDevices

extension ControlRouter {
    /// Replies with a snapshot, then streams every committed event after it (none missed, none twice),
    /// and device health changes when `devices` is true. A client that stops reading is cut off after
    /// `watchBuffer` undelivered lines rather than holding memory.
    func watch(_ r: Request) async throws -> ControlReply {
        let ledger = try state.ledger()
        let (stream, cont) = AsyncStream<[UInt8]>.makeStream(bufferingPolicy: .bufferingOldest(Self.watchBuffer))
        let overflow = NIOLockedValueBox(false)
        @Sendable func push(_ line: [UInt8]) {
            if case .dropped = cont.yield(line) {
                overflow.withLockedValue { $0 = true }
                cont.finish()
            }
        }
        let (token, snap) = try await ledger.subscribe(snapshot: { e in (QueueSnapshot(e), e.nextEventSeq - 1) }, observer: { m in
            let byID = Dictionary(m.tickets.map { ($0.id, $0) }, uniquingKeysWith: { _, b in b })
            for e in m.events { push(Wire.line(WatchLine(event: e, ticket: e.ticket.flatMap { byID[$0] }))) }
        })
        var devices: [DeviceHealth]?
        var deviceToken: UInt64?
        if r.devices == true {
            devices = await state.registry.snapshot()
            deviceToken = await state.registry.observe { h in push(Wire.line(WatchLine(device: h))) }
        }
        // Kiosk screens follow what their scanner read (`"args":{"scans":true}`, or with devices).
        let scans = state.scans
        let scanToken = (r.devices == true || r.args?["scans"]?.bool == true)
            ? scans.observe { e in push(Wire.line(WatchLine(scan: e))) } : nil
        let registry = state.registry
        let dtoken = deviceToken
        cont.onTermination = { _ in
            ledger.unsubscribe(token)
            if let scanToken { scans.stopObserving(scanToken) }
            if let dtoken { Task { await registry.stopObserving(dtoken) } }
        }
        let first = Wire.ok(r.id, WatchSnapshotBody(snapshot: snap.0, lastEventSeq: snap.1, devices: devices))
        return .stream(first: first, rest: stream, overflowed: { overflow.withLockedValue { $0 } })
    }

    static let watchBuffer = 10_000
}
