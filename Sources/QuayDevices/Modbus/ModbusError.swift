import QuaySystem

/// Why a Modbus exchange with a board failed.
public enum ModbusError: Error, Sendable, Equatable, CustomStringConvertible {
    /// No (complete) reply within the response timeout, after all retries.
    case timeout(unit: UInt8)
    /// Replies arrived but their CRC never matched, after all retries.
    case crcError(unit: UInt8)
    /// Bytes arrived but never formed a frame before the line went silent.
    case malformed(unit: UInt8)
    /// The board answered with a Modbus exception (it is alive but refused the request).
    case exception(unit: UInt8, function: UInt8, code: ModbusExceptionCode)
    /// The board answered something that is not the echo of the request.
    case unexpectedResponse(unit: UInt8)
    /// The board failed repeatedly; the request was not sent. The desired state is kept and retried by
    /// `ModbusMaster.reconcile()` once the backoff has passed.
    case backingOff(unit: UInt8, retryInMs: Int)
    case encode(ModbusEncodeError)
    /// The serial port failed (adapter unplugged, EIO); the bus must be reopened.
    case transport(SystemError)
    case closed

    /// Short machine code for `DeviceHealth.condition`.
    public var condition: String {
        switch self {
        case .timeout: return "timeout"
        case .crcError: return "crc-error"
        case .malformed: return "garbled"
        case .exception: return "exception"
        case .unexpectedResponse: return "unexpected-response"
        case .backingOff: return "timeout"
        case .encode: return "invalid-request"
        case .transport: return "disconnected"
        case .closed: return "closed"
        }
    }

    public var description: String {
        switch self {
        case .timeout(let u): return "board \(u): no reply (timeout)"
        case .crcError(let u): return "board \(u): CRC error in reply"
        case .malformed(let u): return "board \(u): truncated or garbled reply"
        case let .exception(u, f, c): return "board \(u): exception \(c) to function \(f)"
        case .unexpectedResponse(let u): return "board \(u): reply does not match request"
        case let .backingOff(u, ms): return "board \(u): failing, next attempt in \(ms) ms"
        case .encode(let e): return "cannot encode request: \(e)"
        case .transport(let e): return "serial port: \(e)"
        case .closed: return "bus closed"
        }
    }
}
