import CPangoCairo

/// How one line (or paragraph) of text is drawn with Pango.
public struct TextStyle: Sendable, Equatable {
    /// Pango font family list; fontconfig falls back per character (e.g. Latin digits inside Khmer).
    public var families: String
    public var pixelSize: Int
    public var bold: Bool
    public var alignment: EscPos.Alignment
    /// 2: drawn squashed to half height, for a printer that prints it at double height (`GS v 0` mode 2): the
    /// same size on paper in half the bytes, at half the vertical resolution.
    public var verticalScale: Int

    public init(
        families: String, pixelSize: Int, bold: Bool = false, alignment: EscPos.Alignment = .center, verticalScale: Int = 1
    ) {
        self.families = families
        self.pixelSize = pixelSize
        self.bold = bold
        self.alignment = alignment
        self.verticalScale = max(1, min(2, verticalScale))
    }

    /// Fonts for a ticket language: Noto Sans for Vietnamese/English, Noto Sans Khmer (compact: ~30% fewer raster
    /// bytes than Khmer OS) then Khmer OS for Khmer.
    public static func families(for language: String) -> String {
        language == "km" ? "Noto Sans Khmer, Khmer OS, Noto Sans" : "Noto Sans, Noto Sans Khmer"
    }
}

/// Text drawn to a 1-bit bitmap plus how many characters had no glyph in any font.
public struct RasterizedText: Sendable {
    public var bitmap: MonoBitmap
    /// `pango_layout_get_unknown_glyphs_count`: tofu boxes / .notdef glyphs. Must be 0 on a ticket.
    public var unknownGlyphs: Int
}

/// Pango/Cairo text to `MonoBitmap`: lays out `text` wrapped to `width` dots on a Cairo A1 surface and repacks
/// it MSB-first. The result is as tall as Pango's logical extents (callers crop blank rows).
public enum TextRasterizer {
    public static func render(_ text: String, width: Int, style: TextStyle) -> RasterizedText {
        let width = max(8, width)
        // Measure on a 1x1 surface, then draw on one of the right height.
        guard let probe = cairo_image_surface_create(CAIRO_FORMAT_A1, 1, 1) else {
            return RasterizedText(bitmap: MonoBitmap(width: width, height: 0), unknownGlyphs: 0)
        }
        defer { cairo_surface_destroy(probe) }
        let probeCr = cairo_create(probe)
        defer { cairo_destroy(probeCr) }
        guard let layout = makeLayout(probeCr, text, width: width, style: style) else {
            return RasterizedText(bitmap: MonoBitmap(width: width, height: 0), unknownGlyphs: 0)
        }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_pixel_extents(layout, &ink, &logical)
        let unknown = Int(pango_layout_get_unknown_glyphs_count(layout))
        let top = min(0, Int(ink.y))
        let fullHeight = max(1, max(Int(logical.y + logical.height), Int(ink.y + ink.height)) - top)
        let height = (fullHeight + style.verticalScale - 1) / style.verticalScale

        guard let surface = cairo_image_surface_create(CAIRO_FORMAT_A1, Int32(width), Int32(height)) else {
            return RasterizedText(bitmap: MonoBitmap(width: width, height: 0), unknownGlyphs: unknown)
        }
        defer { cairo_surface_destroy(surface) }
        let cr = cairo_create(surface)
        defer { cairo_destroy(cr) }
        guard let drawLayout = makeLayout(cr, text, width: width, style: style) else {
            return RasterizedText(bitmap: MonoBitmap(width: width, height: 0), unknownGlyphs: unknown)
        }
        defer { g_object_unref(UnsafeMutableRawPointer(drawLayout)) }
        cairo_set_source_rgba(cr, 0, 0, 0, 1)  // A1: opaque = 1 = black dot
        if style.verticalScale > 1 { cairo_scale(cr, 1, 1 / Double(style.verticalScale)) }
        cairo_move_to(cr, 0, Double(-top))
        pango_cairo_show_layout(cr, drawLayout)
        cairo_surface_flush(surface)
        return RasterizedText(bitmap: bitmap(of: surface, width: width, height: height), unknownGlyphs: unknown)
    }

    /// Copies an A1 Cairo surface into printer bit order.
    static func bitmap(of surface: OpaquePointer, width: Int, height: Int) -> MonoBitmap {
        let stride = Int(cairo_image_surface_get_stride(surface))
        guard let data = cairo_image_surface_get_data(surface) else { return MonoBitmap(width: width, height: height) }
        return CairoA1.repack(UnsafeRawBufferPointer(start: data, count: stride * height), width: width, height: height, stride: stride)
    }

    private static func makeLayout(_ cr: OpaquePointer?, _ text: String, width: Int, style: TextStyle) -> OpaquePointer? {
        guard let cr, let layout = pango_cairo_create_layout(cr) else { return nil }
        // Thermal printers want crisp 1-bit glyphs: no grey antialiasing, full hinting.
        if let opts = cairo_font_options_create() {
            cairo_font_options_set_antialias(opts, CAIRO_ANTIALIAS_NONE)
            cairo_font_options_set_hint_style(opts, CAIRO_HINT_STYLE_FULL)
            pango_cairo_context_set_font_options(pango_layout_get_context(layout), opts)
            cairo_font_options_destroy(opts)
            pango_layout_context_changed(layout)
        }
        let desc = pango_font_description_new()
        pango_font_description_set_family(desc, style.families)
        pango_font_description_set_absolute_size(desc, Double(style.pixelSize) * Double(PANGO_SCALE))
        pango_font_description_set_weight(desc, style.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_layout_set_font_description(layout, desc)
        pango_font_description_free(desc)
        pango_layout_set_width(layout, Int32(width) * Int32(PANGO_SCALE))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        switch style.alignment {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }
        pango_layout_set_text(layout, text, -1)
        return layout
    }
}
