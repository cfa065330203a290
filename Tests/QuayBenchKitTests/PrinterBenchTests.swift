import Testing
import QuayBenchKit

@Suite("Printer bytes per ticket")
struct PrinterBenchTests {
    @Test func khmerTicketsStayUnderSixKilobytesWithNativeQR() {
        let rows = PrinterBench.measure()
        print(PrinterBench.report(rows))
        for r in rows {
            #expect(r.unknownGlyphs == 0)
            #expect(r.bytes >= r.textFloorBytes)
        }
        for r in rows where r.language == "km" && r.profile != "pos58-serial" {
            #expect(r.bytes < 6 * 1024, "\(r.profile) km: \(r.bytes) bytes")
        }
    }

    @Test func transferTimeIsTenBitsPerByte() {
        #expect(PrinterBench.transferSeconds(bytes: 960, baud: 9600) == 1.0)
        #expect(PrinterBench.transferSeconds(bytes: 11520, baud: 115200) == 1.0)
    }
}
