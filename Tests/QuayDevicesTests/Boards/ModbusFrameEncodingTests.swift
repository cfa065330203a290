import Testing
@testable import QuayDevices

@Suite("Modbus RTU request encoding")
struct ModbusFrameEncodingTests {
    @Test("FC06 write single register, byte-exact")
    func writeSingle() throws {
        let frame = try ModbusRTU.encode(unit: 3, .writeSingleRegister(address: 0, value: 15))
        #expect(frame == [0x03, 0x06, 0x00, 0x00, 0x00, 0x0F, 0xC8, 0x2C])
    }

    @Test("FC16 write multiple registers, byte-exact (the frame libmodbus sends)")
    func writeMultiple() throws {
        let frame = try ModbusRTU.encode(unit: 2, .writeMultipleRegisters(address: 0, values: [0x4142, 0x3031, 1]))
        #expect(frame == [0x02, 0x10, 0x00, 0x00, 0x00, 0x03, 0x06, 0x41, 0x42, 0x30, 0x31, 0x00, 0x01, 0x0B, 0x52])
    }

    @Test("FC03 read holding registers, byte-exact")
    func readHolding() throws {
        #expect(
            try ModbusRTU.encode(unit: 1, .readHoldingRegisters(address: 0, count: 2))
                == [0x01, 0x03, 0x00, 0x00, 0x00, 0x02, 0xC4, 0x0B])
    }

    @Test("broadcast is for writes only; units above 247 are refused")
    func units() throws {
        #expect(try ModbusRTU.encode(unit: 0, .writeSingleRegister(address: 0, value: 0xFFFF)).count == 8)
        #expect(throws: ModbusEncodeError.invalidUnit(0)) {
            try ModbusRTU.encode(unit: 0, .readHoldingRegisters(address: 0, count: 1))
        }
        #expect(throws: ModbusEncodeError.invalidUnit(248)) {
            try ModbusRTU.encode(unit: 248, .writeSingleRegister(address: 0, value: 1))
        }
    }

    @Test("register counts are bounded by the protocol")
    func counts() {
        #expect(throws: ModbusEncodeError.invalidCount(0)) {
            try ModbusRTU.encode(unit: 1, .writeMultipleRegisters(address: 0, values: []))
        }
        #expect(throws: ModbusEncodeError.invalidCount(124)) {
            try ModbusRTU.encode(unit: 1, .writeMultipleRegisters(address: 0, values: Array(repeating: 0, count: 124)))
        }
        #expect(throws: ModbusEncodeError.invalidCount(126)) {
            try ModbusRTU.encode(unit: 1, .readHoldingRegisters(address: 0, count: 126))
        }
    }

    @Test("echo matching: FC06 echo must repeat address and value")
    func answers() {
        let req = ModbusRequest.writeSingleRegister(address: 0, value: 15)
        #expect(ModbusRTU.response(.writeSingleRegister(address: 0, value: 15), answers: req))
        #expect(!ModbusRTU.response(.writeSingleRegister(address: 0, value: 16), answers: req))
        #expect(!ModbusRTU.response(.exception(function: 6, code: .illegalDataAddress), answers: req))
        #expect(ModbusRTU.response(.readHoldingRegisters(values: [1, 2]), answers: .readHoldingRegisters(address: 0, count: 2)))
    }
}
