import Foundation
import QuayControl
import QuayDevices

/// Technician ops on devices (docs/protocol.md): `devices` (health, optionally the unassigned devices with
/// matchers to paste into quayd.toml), `device-test ROLE` (printer: test ticket; board bus: 8888 on every
/// board then back; hall sign: a test line) and `device-identify ROLE` (printer: a slip naming the role and
/// node; boards: blink their own counter number; sign: shows the role).
extension OpContext {
    func devicesList(_ r: DevicesRequest) async throws -> OpOutput {
        let health = await state.registry.snapshot().map(DeviceHealthView.init)
        guard r.unassigned else { return .body(DevicesBody(devices: health)) }
        guard let manager = devices?.manager else {
            throw ControlError(code: "discovery-off", message: "device discovery is off ([discovery] enabled = false)")
        }
        return .body(DevicesBody(devices: health, unassigned: await manager.unassigned().map(UnassignedDeviceView.init)))
    }

    func deviceTest(_ r: DeviceRoleRequest) async throws -> OpOutput {
        let role = r.role
        if printers?.drivers[role] != nil { return try await printTest(PrinterRequest(role: role)) }
        if role == VoiceStation.engineRole || role.hasPrefix(VoiceStation.engineRole + "-") { return try await voiceTest(role: role) }
        guard let devices else { throw DeviceOps.unknown(role) }
        if let bus = devices.boards.first(where: { $0.config.role == role }) {
            guard await bus.isAttached else { throw DeviceOps.absent(role) }
            let failed = await bus.test()
            return .body(DeviceCheckBody(role: role, boards: bus.config.boards.keys.sorted(), failed: failed))
        }
        if let sign = devices.signs.first(where: { $0.config.role == role }) {
            await sign.show("QUAY TEST 8888", force: true)
            return .body(DeviceCheckBody(role: role, boards: [], failed: [:]))
        }
        if devices.scanners.contains(where: { $0.role == role }) {
            // Waits for one scan (the technician scans anything); what it meant is in the reply.
            let seconds = r.timeout
            guard let e = await state.scans.next(role: role, timeout: .seconds(seconds)) else {
                throw ControlError(code: "no-scan", message: "nothing was scanned on '\(role)' within \(seconds) s")
            }
            return .body(ScanTestBody(scan: e))
        }
        throw DeviceOps.unknown(role)
    }

    func deviceIdentify(_ r: DeviceRoleRequest) async throws -> OpOutput {
        let role = r.role
        if let printers, let d = printers.drivers[role] {
            let node = await state.registry.get(role)?.devnode ?? d.transport.name
            var bytes = EscPos.initialize
            for line in ["QUAY", role, node, ""] { bytes += EscPos.textLine(EscPos.isNativeText(line) ? line : "?") ?? [] }
            bytes += EscPos.cut(d.profile.cut)
            do throws(PrinterError) {
                _ = try await d.send(bytes)
                return .body(DeviceCheckBody(role: role, boards: [], failed: [:]))
            } catch {
                throw printers.refusal(error)
            }
        }
        guard let devices else { throw DeviceOps.unknown(role) }
        if let bus = devices.boards.first(where: { $0.config.role == role }) {
            guard await bus.isAttached else { throw DeviceOps.absent(role) }
            var numbers: [String: String] = [:]
            for c in bus.config.boards.keys { numbers[c] = state.config.center.counter(c)?.number ?? c }
            let failed = await bus.identify(counterNumbers: numbers)
            return .body(DeviceCheckBody(role: role, boards: bus.config.boards.keys.sorted(), failed: failed))
        }
        if let sign = devices.signs.first(where: { $0.config.role == role }) {
            await sign.show("QUAY \(role)", force: true)
            return .body(DeviceCheckBody(role: role, boards: [], failed: [:]))
        }
        throw DeviceOps.unknown(role)
    }
}

/// Technician ops on devices (docs/protocol.md): `devices`, `device-test ROLE`, `device-identify ROLE`.
enum DeviceOps {
    static func unknown(_ role: String) -> ControlError {
        ControlError(code: "unknown-device", message: "no device role '\(role)' is configured (see quayctl devices)")
    }

    static func absent(_ role: String) -> ControlError {
        ControlError(code: "device-absent", message: "device '\(role)' is not connected (see quayctl devices)")
    }
}
