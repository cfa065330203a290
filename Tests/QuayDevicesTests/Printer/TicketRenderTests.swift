import Foundation
import CPangoCairo
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

    /// On a TCVN-3 profile a Vietnamese ticket has no raster at all and stays under 1 KB; the info lines are in the
    /// printer font at double height (48 dots ≥ 4.5 mm). Khmer on the same profile is still drawn.
    @Test func vietnameseIsNativeTextOnATCVN3Profile() {
        let t = TicketRenderer(profile: .epson80TCVN3).render(PrinterSamples.job("vi", priority: true))
        #expect(t.rasterBytes == 0)
        #expect(t.bytes.count < 1024, "\(t.bytes.count) bytes")
        #expect(Array(t.bytes[0..<5]) == EscPos.initialize + EscPos.codePage(30))
        for key in ["waiting", "estimate", "counters", "time"] {
            #expect((t.infoLineHeights[key] ?? 0) >= TicketRenderer.infoLineMinimumDots, "\(key)")
        }
        let km = TicketRenderer(profile: .epson80TCVN3).render(PrinterSamples.job("km", priority: true))
        #expect(km.rasterBytes > 0 && km.unknownGlyphs == 0)
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

    /// What a citizen reads to know what to do (people ahead, estimated wait, counters, time) is printed at a type
    /// size of at least 4.5 mm (36 dots at 8 dots/mm) in every language; the counters line is bold.
    @Test(arguments: ["vi", "km", "en"])
    func infoLinesAreLargeEnoughToRead(language: String) throws {
        let t = TicketRenderer(profile: .generic80).render(PrinterSamples.job(language, priority: true))
        #expect(Set(t.infoLineHeights.keys) == ["waiting", "estimate", "counters", "time"], "\(t.infoLineHeights)")
        for (line, dots) in t.infoLineHeights {
            #expect(dots >= TicketRenderer.infoLineMinimumDots, "\(language) \(line): \(dots) dots")
        }
        #expect(t.unknownGlyphs == 0)
        // The counters line: a bold native line, or a raster line drawn bold (its strokes are wider than the
        // same text drawn regular).
        let job = PrinterSamples.job(language, priority: true)
        let text = try #require(job.texts.counters)
        let natives = t.blocks.compactMap { b -> Bool? in
            if case .nativeText(let s, _, _, _, let bold) = b, s == text { return bold }
            return nil
        }
        if let bold = natives.first {
            #expect(bold)
        } else {
            let style = TextStyle(families: TextStyle.families(for: language), pixelSize: 36, bold: false, verticalScale: 2)
            let regular = TextRasterizer.render(text, width: 576, style: style).bitmap
            var boldStyle = style
            boldStyle.bold = true
            let heavy = TextRasterizer.render(text, width: 576, style: boldStyle).bitmap
            #expect(heavy.data.reduce(0) { $0 + $1.nonzeroBitCount } > regular.data.reduce(0) { $0 + $1.nonzeroBitCount })
            #expect(
                t.blocks.contains { b in
                    if case .tallRaster(_, let full, _) = b { return full == heavy.croppedVertically() }
                    return false
                }, "\(language): the counters line is drawn bold")
        }
    }

    @Test func previewPngIsWritten() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("quay-preview-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for lang in ["vi", "km", "en"] {
            let t = TicketRenderer(profile: .generic80).render(PrinterSamples.job(lang, priority: true))
            let path = dir.appendingPathComponent("ticket-\(lang).png").path
            try PNGWriter.write(t.preview, to: path)
            let data = Array(try Data(contentsOf: URL(fileURLWithPath: path)))
            #expect(Array(data.prefix(8)) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
            // IHDR: 1-bit grayscale.
            #expect(Array(data[12..<16]) == Array("IHDR".utf8) && data[24] == 1 && data[25] == 0)
            // Read back by Cairo's PNG reader: the same size and every dot where the bitmap has it.
            let surface = try #require(cairo_image_surface_create_from_png(path))
            defer { cairo_surface_destroy(surface) }
            #expect(cairo_surface_status(surface) == CAIRO_STATUS_SUCCESS)
            let w = Int(cairo_image_surface_get_width(surface)), h = Int(cairo_image_surface_get_height(surface))
            #expect(w == t.preview.width && h == t.preview.height)
            let rowStride = Int(cairo_image_surface_get_stride(surface))
            let pixels = try #require(cairo_image_surface_get_data(surface))
            let format = cairo_image_surface_get_format(surface)
            var mismatches = 0
            for y in stride(from: 0, to: h, by: 3) {
                for x in 0..<w {
                    let black: Bool
                    if format == CAIRO_FORMAT_A1 {
                        black = pixels[y * rowStride + x / 8] & (1 << UInt8(x % 8)) == 0  // A1: 1 = opaque white
                    } else {
                        black = UnsafeRawPointer(pixels).load(fromByteOffset: y * rowStride + x * 4, as: UInt32.self) & 0xFF_FFFF == 0
                    }
                    if black != t.preview.pixel(x, y) { mismatches += 1 }
                }
            }
            #expect(mismatches == 0, "\(lang): \(mismatches) dots differ (format \(format))")
            #expect(data.count < 40_000, "\(lang): \(data.count) bytes")
        }
    }
}
