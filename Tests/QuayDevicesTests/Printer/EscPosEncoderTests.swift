import Testing
@testable import QuayDevices

@Suite("ESC/POS encoder: byte-exact commands")
struct EscPosEncoderTests {
    @Test func simpleCommands() {
        #expect(EscPos.initialize == [0x1B, 0x40])
        #expect(EscPos.feed(lines: 3) == [0x1B, 0x64, 3])
        #expect(EscPos.feed(lines: 999) == [0x1B, 0x64, 255])
        #expect(EscPos.feed(dots: 24) == [0x1B, 0x4A, 24])
        #expect(EscPos.align(.center) == [0x1B, 0x61, 1])
        #expect(EscPos.align(.right) == [0x1B, 0x61, 2])
        #expect(EscPos.emphasize(true) == [0x1B, 0x45, 1])
        #expect(EscPos.characterSize(width: 4, height: 4) == [0x1D, 0x21, 0x33])
        #expect(EscPos.characterSize(width: 9, height: 0) == [0x1D, 0x21, 0x70])
        #expect(EscPos.codePage(16) == [0x1B, 0x74, 16])
    }

    @Test func cuts() {
        #expect(EscPos.cut(.partial) == [0x1D, 0x56, 1])
        #expect(EscPos.cut(.full) == [0x1D, 0x56, 0])
        #expect(EscPos.cut(.feedAndPartial(24)) == [0x1D, 0x56, 66, 24])
    }

    @Test func statusRequests() {
        #expect(EscPos.realtimeStatus(.printer) == [0x10, 0x04, 1])
        #expect(EscPos.realtimeStatus(.offlineCause) == [0x10, 0x04, 2])
        #expect(EscPos.realtimeStatus(.paperSensor) == [0x10, 0x04, 4])
        #expect(EscPos.automaticStatusBack(0x0F) == [0x1D, 0x61, 0x0F])
    }

    @Test func nativeTextIsAsciiOnly() {
        #expect(EscPos.textLine("A015") == [0x41, 0x30, 0x31, 0x35, 0x0A])
        #expect(EscPos.textLine("Quầy 1") == nil)
        #expect(EscPos.textLine("tab\there") == nil)
        #expect(EscPos.isNativeText("25/11/2026 08:15"))
        #expect(!EscPos.isNativeText("បញ្ជរ"))
    }

    @Test func rasterHeaderAndPadding() {
        let cmd = EscPos.rasterImage(widthBytes: 2, rows: 3, data: [0xFF, 0x00, 0x81, 0x7E][...])
        #expect(Array(cmd.prefix(8)) == [0x1D, 0x76, 0x30, 0x00, 2, 0, 3, 0])
        #expect(Array(cmd.dropFirst(8)) == [0xFF, 0x00, 0x81, 0x7E, 0x00, 0x00])
        let wide = EscPos.rasterImage(widthBytes: 72, rows: 300, data: [UInt8](repeating: 1, count: 72 * 300)[...])
        #expect(Array(wide.prefix(8)) == [0x1D, 0x76, 0x30, 0x00, 72, 0, 0x2C, 0x01])
        #expect(wide.count == 8 + 72 * 300)
    }

    @Test func qrSequenceMatchesHardwareDoc() {
        let q = EscPos.qrCode(Array("AB".utf8), moduleSize: 6, errorCorrection: .medium)
        let expected = PrinterSamples.hex(
            "1D 28 6B 04 00 31 41 32 00 "  // fn 65 model 2
                + "1D 28 6B 03 00 31 43 06 "  // fn 67 module 6
                + "1D 28 6B 03 00 31 45 31 "  // fn 69 level M
                + "1D 28 6B 05 00 31 50 30 41 42 "  // fn 80 store, pL = len+3
                + "1D 28 6B 03 00 31 51 30")  // fn 81 print
        #expect(q == expected)
    }

    @Test func qrStoreLengthUsesBothBytes() {
        let payload = [UInt8](repeating: 0x41, count: 300)
        let q = EscPos.qrCode(payload, moduleSize: 3, errorCorrection: .low)
        // fn 80 header starts after fn65 (9) + fn67 (8) + fn69 (8) bytes.
        #expect(Array(q[25..<33]) == [0x1D, 0x28, 0x6B, 0x2F, 0x01, 0x31, 0x50, 0x30])  // 303 = 0x012F
    }
}
