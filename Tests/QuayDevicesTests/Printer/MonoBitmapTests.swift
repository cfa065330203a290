import Testing
@testable import QuayDevices

@Suite("1-bit raster: Cairo A1 repack, crop, GS v 0 chunking")
struct MonoBitmapTests {
    @Test func cairoA1LittleEndianWordsBecomeMsbFirstBytes() {
        // Row of 40 pixels, stride 8 (two 32-bit words). Pixels 0, 9 and 33 are black.
        var word0: UInt32 = (1 << 0) | (1 << 9)
        var word1: UInt32 = 1 << 1
        var raw = [UInt8](repeating: 0, count: 8)
        withUnsafeBytes(of: &word0) { for i in 0..<4 { raw[i] = $0[i] } }
        withUnsafeBytes(of: &word1) { for i in 0..<4 { raw[4 + i] = $0[i] } }
        let bmp = raw.withUnsafeBytes { CairoA1.repack($0, width: 40, height: 1, stride: 8) }
        #expect(bmp.widthBytes == 5)
        #expect(bmp.data == [0x80, 0x40, 0x00, 0x00, 0x40])
        #expect(bmp.pixel(0, 0) && bmp.pixel(9, 0) && bmp.pixel(33, 0) && !bmp.pixel(1, 0))
    }

    @Test func verticalCropRemovesBlankRowsOnly() {
        var b = MonoBitmap(width: 16, height: 6)
        b.set(3, 2)
        b.set(15, 3)
        let c = b.croppedVertically()
        #expect(c?.height == 2)
        #expect(c?.data == [0x10, 0x00, 0x00, 0x01])
        #expect(MonoBitmap(width: 8, height: 4).croppedVertically() == nil)
    }

    @Test func columnCropKeepsWholeBytes() {
        var b = MonoBitmap(width: 32, height: 2)
        b.set(9, 0)
        b.set(23, 1)
        #expect(b.inkedByteColumns() == 1...2)
        let c = b.croppedColumns(1...2)
        #expect(c.widthBytes == 2)
        #expect(c.data == [0x40, 0x00, 0x00, 0x01])
    }

    @Test func rasterChunksRespectMaxRows() {
        var b = MonoBitmap(width: 16, height: 5)
        for y in 0..<5 { b.set(y, y) }
        let bytes = b.rasterCommands(maxRows: 2)
        // 3 commands: 2 + 2 + 1 rows, each 8 header bytes + 2 bytes/row.
        #expect(bytes.count == 3 * 8 + 5 * 2)
        #expect(Array(bytes[0..<8]) == [0x1D, 0x76, 0x30, 0, 2, 0, 2, 0])
        #expect(Array(bytes[12..<20]) == [0x1D, 0x76, 0x30, 0, 2, 0, 2, 0])
        #expect(Array(bytes[24..<32]) == [0x1D, 0x76, 0x30, 0, 2, 0, 1, 0])
        #expect(Array(bytes[32..<34]) == [0x08, 0x00])
    }

    @Test func blankBandsBecomePaperFeed() {
        // 8 bytes wide: ink in rows 0-1 and 22-23, 20 blank rows between (160 bytes > 11 bytes of split cost).
        var b = MonoBitmap(width: 64, height: 24)
        for y in [0, 1, 22, 23] { b.set(5, y) }
        let bytes = b.rasterCommands(maxRows: 256)
        #expect(bytes.count == (8 + 2 * 8) + 3 + (8 + 2 * 8))
        #expect(Array(bytes[0..<8]) == [0x1D, 0x76, 0x30, 0, 8, 0, 2, 0])
        #expect(Array(bytes[24..<27]) == [0x1B, 0x4A, 20])
        #expect(Array(bytes[27..<35]) == [0x1D, 0x76, 0x30, 0, 8, 0, 2, 0])
        // At double height (mode 2) each skipped row is two dots of feed.
        let tall = b.rasterCommands(maxRows: 256, mode: 2)
        #expect(Array(tall[24..<27]) == [0x1B, 0x4A, 40])
    }

    @Test func aBandCheaperThanASplitStaysInTheImage() {
        // 1 byte wide: 5 blank rows cost 5 bytes, less than a split (11): one command.
        var b = MonoBitmap(width: 8, height: 7)
        b.set(0, 0)
        b.set(0, 6)
        let bytes = b.rasterCommands(maxRows: 256)
        #expect(bytes.count == 8 + 7)
    }
}
