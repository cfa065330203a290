/// Modbus function codes Quay uses with LED counter boards.
public enum ModbusFunction: UInt8, Sendable, Codable {
    /// FC03: read holding registers (probing a board).
    case readHoldingRegisters = 0x03
    /// FC06: write single register (the number on most boards).
    case writeSingleRegister = 0x06
    /// FC16 (0x10): write multiple registers (text and blink on some models).
    case writeMultipleRegisters = 0x10
}

/// Exception code a slave returns with `function | 0x80`.
public struct ModbusExceptionCode: RawRepresentable, Sendable, Equatable, Hashable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let illegalFunction = ModbusExceptionCode(rawValue: 0x01)
    public static let illegalDataAddress = ModbusExceptionCode(rawValue: 0x02)
    public static let illegalDataValue = ModbusExceptionCode(rawValue: 0x03)
    public static let serverDeviceFailure = ModbusExceptionCode(rawValue: 0x04)
    public static let acknowledge = ModbusExceptionCode(rawValue: 0x05)
    public static let serverDeviceBusy = ModbusExceptionCode(rawValue: 0x06)
    public static let gatewayPathUnavailable = ModbusExceptionCode(rawValue: 0x0A)
    public static let gatewayTargetFailedToRespond = ModbusExceptionCode(rawValue: 0x0B)

    /// Busy/acknowledge mean "try again later"; the others are definite refusals.
    public var isTransient: Bool { self == .acknowledge || self == .serverDeviceBusy }

    public var description: String {
        switch self {
        case .illegalFunction: return "illegal function"
        case .illegalDataAddress: return "illegal data address"
        case .illegalDataValue: return "illegal data value"
        case .serverDeviceFailure: return "server device failure"
        case .acknowledge: return "acknowledge"
        case .serverDeviceBusy: return "server device busy"
        case .gatewayPathUnavailable: return "gateway path unavailable"
        case .gatewayTargetFailedToRespond: return "gateway target failed to respond"
        default: return "exception 0x" + String(rawValue, radix: 16)
        }
    }
}

/// A request the master sends.
public enum ModbusRequest: Sendable, Equatable, Hashable {
    case readHoldingRegisters(address: UInt16, count: UInt16)
    case writeSingleRegister(address: UInt16, value: UInt16)
    case writeMultipleRegisters(address: UInt16, values: [UInt16])

    public var function: ModbusFunction {
        switch self {
        case .readHoldingRegisters: return .readHoldingRegisters
        case .writeSingleRegister: return .writeSingleRegister
        case .writeMultipleRegisters: return .writeMultipleRegisters
        }
    }

    /// Only writes may be broadcast (address 0): a read has nobody to answer.
    public var isWrite: Bool { function != .readHoldingRegisters }
}

/// A response a slave sends back.
public enum ModbusResponse: Sendable, Equatable, Hashable {
    case readHoldingRegisters(values: [UInt16])
    /// FC06 echoes address and value.
    case writeSingleRegister(address: UInt16, value: UInt16)
    /// FC16 echoes start address and register count.
    case writeMultipleRegisters(address: UInt16, count: UInt16)
    case exception(function: UInt8, code: ModbusExceptionCode)
}

/// One complete RTU frame: slave address and what it carried.
public struct ModbusResponseFrame: Sendable, Equatable {
    public var unit: UInt8
    public var response: ModbusResponse
    public init(unit: UInt8, response: ModbusResponse) {
        self.unit = unit
        self.response = response
    }
}

/// Why a request cannot be encoded.
public enum ModbusEncodeError: Error, Sendable, Equatable {
    /// Unit must be 1...247, or 0 (broadcast) for a write.
    case invalidUnit(UInt8)
    /// FC03 reads 1...125 registers, FC16 writes 1...123.
    case invalidCount(Int)
}

/// Byte-exact Modbus RTU frame encoding: `unit function data... crcLo crcHi`.
public enum ModbusRTU {
    public static let broadcastUnit: UInt8 = 0
    public static let maxReadCount = 125
    public static let maxWriteCount = 123
    /// Longest legal RTU frame (address + PDU 253 + CRC).
    public static let maxFrameLength = 256

    public static func encode(unit: UInt8, _ request: ModbusRequest) throws(ModbusEncodeError) -> [UInt8] {
        if unit > 247 || (unit == broadcastUnit && !request.isWrite) { throw .invalidUnit(unit) }
        var pdu: [UInt8] = [unit, request.function.rawValue]
        switch request {
        case let .readHoldingRegisters(address, count):
            guard (1...maxReadCount).contains(Int(count)) else { throw .invalidCount(Int(count)) }
            pdu += be(address) + be(count)
        case let .writeSingleRegister(address, value):
            pdu += be(address) + be(value)
        case let .writeMultipleRegisters(address, values):
            guard (1...maxWriteCount).contains(values.count) else { throw .invalidCount(values.count) }
            pdu += be(address) + be(UInt16(values.count)) + [UInt8(values.count * 2)]
            for v in values { pdu += be(v) }
        }
        return ModbusCRC.appending(to: pdu)
    }

    /// Encodes a slave's response (used by tests and simulators written in Swift; the master never sends these).
    public static func encode(_ frame: ModbusResponseFrame) -> [UInt8] {
        var pdu: [UInt8] = [frame.unit]
        switch frame.response {
        case let .readHoldingRegisters(values):
            pdu += [ModbusFunction.readHoldingRegisters.rawValue, UInt8(truncatingIfNeeded: values.count * 2)]
            for v in values { pdu += be(v) }
        case let .writeSingleRegister(address, value):
            pdu += [ModbusFunction.writeSingleRegister.rawValue] + be(address) + be(value)
        case let .writeMultipleRegisters(address, count):
            pdu += [ModbusFunction.writeMultipleRegisters.rawValue] + be(address) + be(count)
        case let .exception(function, code):
            pdu += [function | 0x80, code.rawValue]
        }
        return ModbusCRC.appending(to: pdu)
    }

    /// Length of the normal (non-exception) response to `request`, for timing estimates.
    public static func expectedResponseLength(for request: ModbusRequest) -> Int {
        switch request {
        case let .readHoldingRegisters(_, count): return 5 + 2 * Int(count)
        case .writeSingleRegister, .writeMultipleRegisters: return 8
        }
    }

    /// Whether `response` is the correct answer to `request` (echo matches, register count matches).
    /// Exceptions are never "matching"; the master handles them separately.
    public static func response(_ response: ModbusResponse, answers request: ModbusRequest) -> Bool {
        switch (request, response) {
        case let (.readHoldingRegisters(_, count), .readHoldingRegisters(values)):
            return values.count == Int(count)
        case let (.writeSingleRegister(a, v), .writeSingleRegister(ra, rv)):
            return a == ra && v == rv
        case let (.writeMultipleRegisters(a, values), .writeMultipleRegisters(ra, rc)):
            return a == ra && Int(rc) == values.count
        default:
            return false
        }
    }

    @inline(__always)
    static func be(_ v: UInt16) -> [UInt8] { [UInt8(v >> 8), UInt8(v & 0xFF)] }
}
