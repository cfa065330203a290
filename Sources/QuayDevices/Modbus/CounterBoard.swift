import Foundation

/// One LED counter board on a Modbus bus: turns "show A015, blinking" into register writes for its model.
///
/// The writes become the board's desired state in the `ModbusMaster`, so a board that was unplugged shows the right
/// number again once it answers (`ModbusMaster.reconcile()`).
public struct CounterBoard: Sendable {
    public let master: ModbusMaster
    public let unit: UInt8
    public let model: BoardModel
    public let role: String

    public init(master: ModbusMaster, unit: UInt8, model: BoardModel, role: String) {
        self.master = master
        self.unit = unit
        self.model = model
        self.role = role
    }

    /// Registers the board's health with the bus's registry (do once at startup).
    public func attach() async {
        await master.attach(
            unit: unit, role: role,
            probe: .readHoldingRegisters(address: model.numberRegister, count: 1))
    }

    /// Shows a ticket number; `blink` on recall.
    public func show(number: String, blink: Bool = false) async throws(ModbusError) {
        try await master.apply(unit: unit, requests(number: number, blink: blink))
    }

    /// Blanks the display (counter closed).
    public func clear() async throws(ModbusError) {
        try await master.apply(unit: unit, clearRequests())
    }

    /// Lamp test: all segments ("8888"), then clear.
    public func test(hold: Duration = .seconds(1)) async throws(ModbusError) {
        try await show(number: String(repeating: "8", count: max(1, model.digits)))
        try? await Task.sleep(for: hold)
        try await clear()
    }

    // MARK: Register mapping (pure)

    /// The requests that show `number` on this model.
    public func requests(number: String, blink: Bool) -> [ModbusRequest] {
        writes(number: numberRegisters(for: number), blink: blink ? model.blinkOn : model.blinkOff)
    }

    public func clearRequests() -> [ModbusRequest] {
        let blank: [UInt16]
        if model.encoding == .ascii {
            blank = packASCII(String(repeating: " ", count: model.numberRegisterCount * 2))
        } else {
            blank = [model.clearValue]
        }
        return writes(number: blank, blink: model.blinkOff)
    }

    /// Register values for the number part.
    public func numberRegisters(for number: String) -> [UInt16] {
        let digits = number.unicodeScalars.filter { ("0"..."9").contains($0) }.map { UInt16($0.value - 48) }
        let kept = Array(digits.suffix(max(1, min(model.digits, 4))))
        switch model.encoding {
        case .binary:
            // Up to 4 digits always fits 16 bits; more digits keep the last four.
            return [kept.reduce(0) { $0 * 10 + $1 }]
        case .bcd:
            return [kept.reduce(0) { $0 << 4 | $1 }]
        case .ascii:
            let width = model.numberRegisterCount * 2
            let ascii = String(ASCIIFolding.fold(number).uppercased().suffix(width))
            return packASCII(String(repeating: " ", count: width - ascii.count) + ascii)
        }
    }

    private func packASCII(_ text: String) -> [UInt16] {
        var bytes = Array(text.utf8)
        if bytes.count % 2 == 1 { bytes.append(0x20) }
        return stride(from: 0, to: bytes.count, by: 2).map { UInt16(bytes[$0]) << 8 | UInt16(bytes[$0 + 1]) }
    }

    /// One FC16 when the model asks for it and the blink register follows the number, otherwise one write per block.
    private func writes(number: [UInt16], blink: UInt16) -> [ModbusRequest] {
        let start = model.numberRegister
        guard let blinkRegister = model.blinkRegister else { return [write(start, number)] }
        if model.combineBlinkWrite && Int(blinkRegister) == Int(start) + number.count {
            return [.writeMultipleRegisters(address: start, values: number + [blink])]
        }
        return [write(start, number), write(blinkRegister, [blink])]
    }

    private func write(_ address: UInt16, _ values: [UInt16]) -> ModbusRequest {
        if values.count == 1 && !model.writeMultipleOnly {
            return .writeSingleRegister(address: address, value: values[0])
        }
        return .writeMultipleRegisters(address: address, values: values)
    }
}
