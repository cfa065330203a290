import Testing
@testable import QuayDevices
import QuaySystem

@Suite("Modbus bus timing")
struct ModbusTimingTests {
    @Test("3.5 character silence from the baud; fixed 1.75 ms above 19200")
    func silence() {
        let t9600 = ModbusTiming(line: SerialPort.Configuration(baud: 9600))
        #expect(t9600.characterNanos == 1_041_666)  // 10 bits (8N1) at 9600
        #expect(t9600.interFrameSilenceNanos == 3_645_831)
        #expect(t9600.frameNanos(bytes: 8) == 8_333_328)
        let t19200e = ModbusTiming(line: SerialPort.Configuration(baud: 19200, parity: .even))
        #expect(t19200e.interFrameSilenceNanos == 11 * 1_000_000_000 / 19200 * 7 / 2)
        #expect(ModbusTiming(line: SerialPort.Configuration(baud: 115200)).interFrameSilenceNanos == 1_750_000)
    }

    @Test("backoff starts at the threshold, doubles and is capped")
    func backoff() {
        let t = ModbusTiming(backoffAfterFailures: 2, backoffBaseMs: 1000, maximumBackoffMs: 5000)
        #expect(t.backoffMs(afterFailures: 1) == 0)
        #expect(t.backoffMs(afterFailures: 2) == 1000)
        #expect(t.backoffMs(afterFailures: 3) == 2000)
        #expect(t.backoffMs(afterFailures: 9) == 5000)
    }
}
