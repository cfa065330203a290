import Foundation
import QuayControl
import QuayDevices

/// Technician ops on devices (docs/protocol.md): `devices` (health, optionally the unassigned devices with
/// matchers to paste into quayd.toml), `device-test ROLE` (printer: test ticket; board bus: 8888 on every
/// board then back; hall sign: a test line) and `device-identify ROLE` (printer: a slip naming the role and
/// node; boards: blink their own counter number; sign: shows the role).
enum DeviceOps {
    static func install(_ devices: DaemonDevices, into hooks: inout DaemonHooks, state: DaemonState) {
        let printTest = hooks.extraOps["print-test"]
        hooks.extraOps["devices"] = { r, _ in
            let health = await state.registry.snapshot()
            guard r.args?.unassigned == true else { return .line(Wire.ok(r.id, DevicesBody(devices: health))) }
            guard let manager = devices.manager else {
                return .line(Wire.error(r.id, ControlError(code: "discovery-off", message: "device discovery is off ([discovery] enabled = false)")))
            }
            return .line(Wire.ok(r.id, DevicesBody(devices: health, unassigned: await manager.unassigned())))
        }
        hooks.extraOps["device-test"] = { r, identity in
            guard let role = r.role, !role.isEmpty else { return .line(Wire.error(r.id, .missingField("role", op: r.op))) }
            if devices.printers?.drivers[role] != nil, let printTest {
                var p = r
                p.op = "print-test"
                return try await printTest(p, identity)
            }
            if let bus = devices.boards.first(where: { $0.config.role == role }) {
                guard await bus.isAttached else { return .line(Wire.error(r.id, absent(role))) }
                let failed = await bus.test()
                return .line(Wire.ok(r.id, DeviceCheckBody(role: role, boards: bus.config.boards.keys.sorted(), failed: failed)))
            }
            if let sign = devices.signs.first(where: { $0.config.role == role }) {
                await sign.show("QUAY TEST 8888", force: true)
                return .line(Wire.ok(r.id, DeviceCheckBody(role: role, boards: [], failed: [:])))
            }
            if devices.scanners.contains(where: { $0.role == role }) {
                // Waits for one scan (the technician scans anything); what it meant is in the reply.
                let seconds: Int
                do throws(ControlError) { seconds = try Args(r).int(\.timeout, "timeout", in: 1...300, default: 30) } catch { return .line(Wire.error(r.id, error)) }
                guard let e = await state.scans.next(role: role, timeout: .seconds(seconds)) else {
                    return .line(Wire.error(r.id, ControlError(code: "no-scan", message: "nothing was scanned on '\(role)' within \(seconds) s")))
                }
                return .line(Wire.ok(r.id, ScanTestBody(scan: e)))
            }
            return .line(Wire.error(r.id, unknown(role)))
        }
        hooks.extraOps["device-identify"] = { r, _ in
            guard let role = r.role, !role.isEmpty else { return .line(Wire.error(r.id, .missingField("role", op: r.op))) }
            if let d = devices.printers?.drivers[role] {
                let node = await state.registry.get(role)?.devnode ?? d.transport.name
                var bytes = EscPos.initialize
                for line in ["QUAY", role, node, ""] { bytes += EscPos.textLine(EscPos.isNativeText(line) ? line : "?") ?? [] }
                bytes += EscPos.cut(d.profile.cut)
                do throws(PrinterError) {
                    _ = try await d.send(bytes)
                    return .line(Wire.ok(r.id, DeviceCheckBody(role: role, boards: [], failed: [:])))
                } catch {
                    return .line(Wire.error(r.id, devices.printers!.refusal(error)))
                }
            }
            if let bus = devices.boards.first(where: { $0.config.role == role }) {
                guard await bus.isAttached else { return .line(Wire.error(r.id, absent(role))) }
                var numbers: [String: String] = [:]
                for c in bus.config.boards.keys { numbers[c] = state.config.center.counter(c)?.number ?? c }
                let failed = await bus.identify(counterNumbers: numbers)
                return .line(Wire.ok(r.id, DeviceCheckBody(role: role, boards: bus.config.boards.keys.sorted(), failed: failed)))
            }
            if let sign = devices.signs.first(where: { $0.config.role == role }) {
                await sign.show("QUAY \(role)", force: true)
                return .line(Wire.ok(r.id, DeviceCheckBody(role: role, boards: [], failed: [:])))
            }
            return .line(Wire.error(r.id, unknown(role)))
        }
    }

    static func unknown(_ role: String) -> ControlError {
        ControlError(code: "unknown-device", message: "no device role '\(role)' is configured (see quayctl devices)")
    }

    static func absent(_ role: String) -> ControlError {
        ControlError(code: "device-absent", message: "device '\(role)' is not connected (see quayctl devices)")
    }
}

struct ScanTestBody: Encodable, Sendable { var scan: ScanEvent }

struct DeviceCheckBody: Encodable, Sendable {
    var role: String
    /// Counter ids of the boards on a bus.
    var boards: [String]
    /// Counter id -> why its board did not answer.
    var failed: [String: String]
}
