import Testing
@testable import QuayDevices

@Suite("Modbus RTU response parser")
struct ModbusRTUParserTests {
    private func frames(_ actions: [ModbusRTUParser.Action]) -> [ModbusResponseFrame] {
        actions.compactMap { if case .frame(let f) = $0 { return f } else { return nil } }
    }

    @Test("FC06 echo, FC16 echo and FC03 data decode")
    func decodesResponses() {
        var p = ModbusRTUParser()
        let bytes =
            ModbusRTU.encode(ModbusResponseFrame(unit: 3, response: .writeSingleRegister(address: 0, value: 15)))
            + ModbusRTU.encode(ModbusResponseFrame(unit: 2, response: .writeMultipleRegisters(address: 0, count: 3)))
            + [0x01, 0x03, 0x04, 0x00, 0x00, 0x00, 0x00, 0xFA, 0x33]  // pymodbus' reply, captured via libmodbus
        #expect(
            frames(p.feed(bytes)) == [
                ModbusResponseFrame(unit: 3, response: .writeSingleRegister(address: 0, value: 15)),
                ModbusResponseFrame(unit: 2, response: .writeMultipleRegisters(address: 0, count: 3)),
                ModbusResponseFrame(unit: 1, response: .readHoldingRegisters(values: [0, 0])),
            ])
        #expect(p.pendingCount == 0)
    }

    @Test("exception response")
    func exception() {
        var p = ModbusRTUParser()
        let bytes = ModbusCRC.appending(to: [0x05, 0x86, 0x02])
        #expect(frames(p.feed(bytes)) == [ModbusResponseFrame(unit: 5, response: .exception(function: 0x06, code: .illegalDataAddress))])
    }

    @Test("state advances byte by byte")
    func states() {
        var p = ModbusRTUParser()
        #expect(p.state == .awaitingUnit)
        _ = p.feed(0x01)
        #expect(p.state == .awaitingFunction(unit: 1))
        _ = p.feed(0x03)
        #expect(p.state == .awaitingByteCount(unit: 1))
        _ = p.feed(0x02)
        #expect(p.state == .awaitingBody(unit: 1, function: 0x03, remaining: 4))
    }

    @Test("garbage before a frame is skipped, including bytes that imitate a header")
    func garbage() {
        var p = ModbusRTUParser()
        let good = ModbusRTU.encode(ModbusResponseFrame(unit: 1, response: .writeSingleRegister(address: 0, value: 15)))
        let noise: [UInt8] = [0x00, 0xFF, 0xF8, 0x01, 0x06]  // "01 06" looks like the start of an FC06 echo
        let actions = p.feed(noise + good)
        #expect(frames(actions) == [ModbusResponseFrame(unit: 1, response: .writeSingleRegister(address: 0, value: 15))])
        #expect(actions.contains { if case .crcMismatch = $0 { return true } else { return false } })
        #expect(p.pendingCount == 0)
    }

    @Test("CRC error is reported and the frame is not emitted")
    func crcError() {
        var p = ModbusRTUParser()
        var bad = ModbusRTU.encode(ModbusResponseFrame(unit: 2, response: .writeSingleRegister(address: 0, value: 7)))
        bad[7] ^= 0x5A
        let actions = p.feed(bad)
        #expect(frames(actions).isEmpty)
        #expect(actions.first == .crcMismatch(unit: 2, function: 0x06))
    }

    @Test("a truncated frame is abandoned at the inter-frame silence; the next frame parses")
    func truncated() {
        var p = ModbusRTUParser()
        let good = ModbusRTU.encode(ModbusResponseFrame(unit: 4, response: .writeSingleRegister(address: 1, value: 1)))
        #expect(p.feed(good.prefix(5)).isEmpty)
        #expect(p.pendingCount == 5)
        #expect(p.silence() == 5)
        #expect(frames(p.feed(good)).count == 1)
    }

    @Test("a lying byte count cannot make the parser wait for a huge frame", arguments: [0x00, 0x03, 0xFB, 0xFF] as [UInt8])
    func byteCount(count: UInt8) {
        var p = ModbusRTUParser()
        let actions = p.feed([0x01, 0x03, count])
        #expect(actions.contains(.skipped(0x01)))
        #expect(p.pendingCount < 3)
    }

    @Test("frames split across reads")
    func split() {
        var p = ModbusRTUParser()
        let good = ModbusRTU.encode(ModbusResponseFrame(unit: 9, response: .readHoldingRegisters(values: [0x4142, 7])))
        var got: [ModbusResponseFrame] = []
        for chunk in stride(from: 0, to: good.count, by: 3) {
            got += frames(p.feed(good[chunk..<min(chunk + 3, good.count)]))
        }
        #expect(got == [ModbusResponseFrame(unit: 9, response: .readHoldingRegisters(values: [0x4142, 7]))])
    }

    @Test("random bytes never crash it and the buffer stays within one frame")
    func fuzz() {
        var rng = SystemRandomNumberGenerator()
        var p = ModbusRTUParser()
        for _ in 0..<20_000 {
            _ = p.feed(UInt8.random(in: 0...255, using: &rng))
            #expect(p.pendingCount <= ModbusRTU.maxFrameLength)
        }
        p.silence()
        let good = ModbusRTU.encode(ModbusResponseFrame(unit: 1, response: .writeSingleRegister(address: 0, value: 1)))
        #expect(frames(p.feed(good)).count == 1)
    }
}
