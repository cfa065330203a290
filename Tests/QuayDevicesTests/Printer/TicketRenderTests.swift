import Foundation
import Testing
@testable import QuayDevices

@Suite("Ticket rendering: glyph coverage, cropping, byte budget")
struct TicketRenderTests {
    @Test(arguments: ["vi", "km", "en"])
    func noMissingGlyphs(_ lang: String) {
        let t = TicketRenderer(profile: .generic80).render(PrinterSamples.job(lang, priority: true))
        #expect(t.unknownGlyphs == 0)
        #expect(t.preview.height > 200)
    }

    @Test func tofuIsCounted() {
        // U+E000 (private use) has no glyph in any installed font.
        let r = TextRasterizer.render("A\u{E000}\u{E001}", width: 384, style: TextStyle(families: "Noto Sans", pixelSize: 24))
        #expect(r.unknownGlyphs == 2)
    }

    @Test func khmerLineHasInkAndIsCropped() {
        let r = TextRasterizer.render(
            "មាន ៣ នាក់កំពុងរង់ចាំមុនអ្នក", width: 576,
            style: TextStyle(families: TextStyle.families(for: "km"), pixelSize: 26))
        let cropped = r.bitmap.croppedVertically()
        #expect(cropped != nil)
        if let c = cropped {
            #expect(!c.rowIsBlank(0) && !c.rowIsBlank(c.height - 1))
            #expect(c.height <= r.bitmap.height)
        }
    }

    @Test func rasterCommandsRespectProfileRowLimit() {
        let profile = PrinterProfile.pos58Serial
        let t = TicketRenderer(profile: profile).render(PrinterSamples.job("km"))
        var sawRaster = false
        for case .raster(let bmp, _, _) in t.blocks {
            sawRaster = true
            #expect(bmp.height > 0)
            #expect(!bmp.rowIsBlank(0) && !bmp.rowIsBlank(bmp.height - 1))
        }
        #expect(sawRaster)
        // Walk the stream: every GS v 0 has yH:yL <= maxRasterRows.
        var i = 0
        let b = t.bytes
        var commands = 0
        while i + 8 <= b.count {
            if b[i] == 0x1D && b[i + 1] == 0x76 && b[i + 2] == 0x30 {
                let wb = Int(b[i + 4]) | Int(b[i + 5]) << 8, rows = Int(b[i + 6]) | Int(b[i + 7]) << 8
                #expect(rows <= profile.maxRasterRows)
                #expect(wb <= profile.widthBytes)
                commands += 1
                i += 8 + wb * rows
            } else {
                i += 1
            }
        }
        #expect(commands >= 5)
    }

    @Test func nativeQRProfileSendsGSk() {
        let t = TicketRenderer(profile: .generic80).render(PrinterSamples.job("en"))
        #expect(t.blocks.contains { if case .nativeQR = $0 { return true } else { return false } })
        let store = [0x1D, 0x28, 0x6B] as [UInt8]
        #expect(t.bytes.firstRange(of: store) != nil)
        // An English ticket is nearly all ASCII: only the line with Vietnamese (centre name) is raster.
        #expect(t.rasterBytes < 2000)
    }

    @Test func khmerTicketStaysUnderSixKilobytes() {
        let t = TicketRenderer(profile: .generic80).render(PrinterSamples.job("km", priority: true))
        #expect(t.bytes.count < 6 * 1024, "Khmer ticket is \(t.bytes.count) bytes")
    }

    @Test func previewPngIsWritten() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quay-preview-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for lang in ["vi", "km", "en"] {
            let t = TicketRenderer(profile: .generic80).render(PrinterSamples.job(lang, priority: true))
            let path = dir.appendingPathComponent("ticket-\(lang).png").path
            try PNGWriter.write(t.preview, to: path)
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(Array(data.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        }
    }
}
