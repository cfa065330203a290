/// Incremental parser for Modbus RTU *responses* (what a master reads from the bus).
///
/// A state machine over bytes: every byte moves it from `awaitingUnit` through `awaitingFunction`,
/// `awaitingByteCount` (FC03 only) and `awaitingBody` to a complete frame, whose CRC decides whether it is emitted.
/// Lengths on the wire are never trusted: a byte count must be even and at most 250, unknown function codes and
/// addresses outside 1...247 cannot start a frame. On any mismatch (including a CRC error) the parser drops the
/// first byte of the candidate and rescans what follows, so garbage before a frame, or a frame header that garbage
/// happens to imitate, costs at most a few skipped bytes. The buffer never exceeds one maximal frame.
/// A gap on the line longer than the inter-frame silence ends a partial frame: call `silence()`.
public struct ModbusRTUParser: Sendable {
    public enum Action: Sendable, Equatable {
        /// A complete frame with a correct CRC.
        case frame(ModbusResponseFrame)
        /// A candidate frame whose CRC did not match; its first byte was dropped and parsing resynchronised.
        case crcMismatch(unit: UInt8, function: UInt8)
        /// A byte that cannot start a frame was skipped.
        case skipped(UInt8)
    }

    public enum State: Sendable, Equatable {
        case awaitingUnit
        case awaitingFunction(unit: UInt8)
        case awaitingByteCount(unit: UInt8)
        /// `remaining` bytes (data and CRC) still to come.
        case awaitingBody(unit: UInt8, function: UInt8, remaining: Int)
    }

    private var buffer: [UInt8] = []

    public init() {}

    /// Bytes held for an incomplete frame.
    public var pendingCount: Int { buffer.count }

    public var state: State {
        guard let unit = buffer.first else { return .awaitingUnit }
        guard buffer.count >= 2 else { return .awaitingFunction(unit: unit) }
        switch Self.frameLength(buffer) {
        case .needByteCount: return .awaitingByteCount(unit: unit)
        case .length(let n): return .awaitingBody(unit: unit, function: buffer[1], remaining: n - buffer.count)
        case .invalid: return .awaitingUnit
        }
    }

    /// Feeds one byte; returns what completed (usually nothing).
    public mutating func feed(_ byte: UInt8) -> [Action] {
        buffer.append(byte)
        return scan()
    }

    /// Feeds a chunk read from the port.
    public mutating func feed<S: Sequence>(_ bytes: S) -> [Action] where S.Element == UInt8 {
        var out: [Action] = []
        for b in bytes { out += feed(b) }
        return out
    }

    /// The line was silent for at least 3.5 character times: a partial frame can no longer complete.
    /// Returns how many bytes were abandoned (0 when idle).
    @discardableResult
    public mutating func silence() -> Int {
        let n = buffer.count
        buffer.removeAll(keepingCapacity: true)
        return n
    }

    private enum Length { case needByteCount, length(Int), invalid }

    private static func isResponseFunction(_ f: UInt8) -> Bool {
        switch f {
        case 0x03, 0x06, 0x10, 0x83, 0x86, 0x90: return true
        default: return false
        }
    }

    /// Total frame length implied by the header in `b` (which has at least 2 bytes), or why it cannot be a frame.
    private static func frameLength(_ b: [UInt8]) -> Length {
        let unit = b[0], function = b[1]
        guard (1...247).contains(unit), isResponseFunction(function) else { return .invalid }
        switch function {
        case 0x03:
            guard b.count >= 3 else { return .needByteCount }
            let n = Int(b[2])
            guard n >= 2, n <= 2 * ModbusRTU.maxReadCount, n % 2 == 0 else { return .invalid }
            return .length(3 + n + 2)
        case 0x06, 0x10:
            return .length(8)
        default:
            if b.count >= 3, !(1...0x0B).contains(b[2]) { return .invalid }
            return .length(5)
        }
    }

    private mutating func scan() -> [Action] {
        var out: [Action] = []
        while let first = buffer.first {
            if !(1...247).contains(first) {
                buffer.removeFirst()
                out.append(.skipped(first))
                continue
            }
            guard buffer.count >= 2 else { break }
            let total: Int
            switch Self.frameLength(buffer) {
            case .invalid:
                buffer.removeFirst()
                out.append(.skipped(first))
                continue
            case .needByteCount:
                return out
            case .length(let n):
                total = n
            }
            guard buffer.count >= total else { break }
            let candidate = Array(buffer[0..<total])
            if ModbusCRC.isValid(candidate) {
                buffer.removeFirst(total)
                out.append(.frame(Self.decode(candidate)))
            } else {
                out.append(.crcMismatch(unit: candidate[0], function: candidate[1]))
                buffer.removeFirst()
            }
        }
        return out
    }

    /// Decodes a CRC-checked frame whose length was validated by `frameLength`.
    private static func decode(_ f: [UInt8]) -> ModbusResponseFrame {
        func u16(_ i: Int) -> UInt16 { UInt16(f[i]) << 8 | UInt16(f[i + 1]) }
        let response: ModbusResponse
        switch f[1] {
        case 0x03:
            let n = Int(f[2]) / 2
            response = .readHoldingRegisters(values: (0..<n).map { u16(3 + 2 * $0) })
        case 0x06:
            response = .writeSingleRegister(address: u16(2), value: u16(4))
        case 0x10:
            response = .writeMultipleRegisters(address: u16(2), count: u16(4))
        default:
            response = .exception(function: f[1] & 0x7F, code: ModbusExceptionCode(rawValue: f[2]))
        }
        return ModbusResponseFrame(unit: f[0], response: response)
    }
}
