/// Modbus RTU CRC-16: reflected polynomial 0xA001, initial value 0xFFFF, sent low byte first.
public enum ModbusCRC {
    /// CRC of `bytes`; append `UInt8(crc & 0xFF)` then `UInt8(crc >> 8)` to form the frame trailer.
    public static func compute<C: Collection>(_ bytes: C) -> UInt16 where C.Element == UInt8 {
        var crc: UInt16 = 0xFFFF
        for byte in bytes {
            crc ^= UInt16(byte)
            for _ in 0..<8 {
                if crc & 1 != 0 {
                    crc = (crc >> 1) ^ 0xA001
                } else {
                    crc >>= 1
                }
            }
        }
        return crc
    }

    /// `bytes` followed by its CRC, low byte first.
    public static func appending(to bytes: [UInt8]) -> [UInt8] {
        let crc = compute(bytes)
        return bytes + [UInt8(crc & 0xFF), UInt8(crc >> 8)]
    }

    /// True when the last two bytes are the CRC of the rest.
    public static func isValid<C: Collection>(_ frame: C) -> Bool where C.Element == UInt8, C.Index == Int {
        guard frame.count >= 4 else { return false }
        let end = frame.endIndex
        let crc = compute(frame[frame.startIndex..<(end - 2)])
        return frame[end - 2] == UInt8(crc & 0xFF) && frame[end - 1] == UInt8(crc >> 8)
    }
}
