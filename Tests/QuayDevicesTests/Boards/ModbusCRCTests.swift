import Testing
@testable import QuayDevices

@Suite("Modbus CRC-16")
struct ModbusCRCTests {
    @Test("CRC-16/MODBUS check value of \"123456789\" is 0x4B37")
    func checkValue() {
        #expect(ModbusCRC.compute(Array("123456789".utf8)) == 0x4B37)
    }

    @Test(
        "known frames: CRC appended low byte first",
        arguments: [
            ([0x01, 0x03, 0x00, 0x00, 0x00, 0x01] as [UInt8], [0x84, 0x0A] as [UInt8]),
            ([0x01, 0x03, 0x00, 0x00, 0x00, 0x0A], [0xC5, 0xCD]),
            ([0x03, 0x06, 0x00, 0x00, 0x00, 0x0F], [0xC8, 0x2C]),
            ([0x02, 0x03, 0x00, 0x00, 0x00, 0x01], [0x84, 0x39]),
            ([0x01, 0x03, 0x00, 0x00, 0x00, 0x02], [0xC4, 0x0B]),
        ])
    func vectors(body: [UInt8], crc: [UInt8]) {
        #expect(ModbusCRC.appending(to: body) == body + crc)
        #expect(ModbusCRC.isValid(body + crc))
    }

    @Test("a flipped bit is detected")
    func detectsCorruption() {
        var frame = ModbusCRC.appending(to: [0x05, 0x06, 0x00, 0x01, 0x00, 0x01])
        #expect(ModbusCRC.isValid(frame))
        frame[3] ^= 0x10
        #expect(!ModbusCRC.isValid(frame))
        #expect(!ModbusCRC.isValid([0x01, 0x02, 0x03]))
    }
}
