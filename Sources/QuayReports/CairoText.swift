import CPangoCairo

/// Text drawn with Pango on a Cairo context (charts and the PDF). The family list is the tickets': fontconfig
/// falls back per character, so Vietnamese diacritics and Khmer both render.
enum CairoText {
    static let families = "Noto Sans, Noto Sans Khmer, Khmer OS, DejaVu Sans"

    enum Align { case left, center, right }

    /// Draws `text` with its top-left at (x, y) inside `width` (wrapped; aligned within it). Returns the height.
    @discardableResult
    static func draw(
        _ cr: OpaquePointer, _ text: String, x: Double, y: Double, width: Double, size: Double, bold: Bool = false,
        align: Align = .left, color: (Double, Double, Double) = (0, 0, 0)
    ) -> Double {
        guard let layout = makeLayout(cr, text, width: width, size: size, bold: bold, align: align) else { return 0 }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        cairo_set_source_rgb(cr, color.0, color.1, color.2)
        cairo_move_to(cr, x, y)
        pango_cairo_show_layout(cr, layout)
        return Double(logical.height) / Double(PANGO_SCALE)
    }

    /// Width of one line of `text` (no wrapping).
    static func width(_ cr: OpaquePointer, _ text: String, size: Double, bold: Bool = false) -> Double {
        guard let layout = makeLayout(cr, text, width: nil, size: size, bold: bold, align: .left) else { return 0 }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        var ink = PangoRectangle(), logical = PangoRectangle()
        pango_layout_get_extents(layout, &ink, &logical)
        return Double(logical.width) / Double(PANGO_SCALE)
    }

    /// Characters of `text` no installed font can draw (tofu boxes); 0 for every label of a report.
    static func unknownGlyphs(_ cr: OpaquePointer, _ text: String) -> Int {
        guard let layout = makeLayout(cr, text, width: nil, size: 12, bold: false, align: .left) else { return -1 }
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        return Int(pango_layout_get_unknown_glyphs_count(layout))
    }

    private static func makeLayout(
        _ cr: OpaquePointer, _ text: String, width: Double?, size: Double, bold: Bool, align: Align
    ) -> OpaquePointer? {
        guard let layout = pango_cairo_create_layout(cr) else { return nil }
        let desc = pango_font_description_new()
        pango_font_description_set_family(desc, families)
        pango_font_description_set_absolute_size(desc, size * Double(PANGO_SCALE))
        pango_font_description_set_weight(desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL)
        pango_layout_set_font_description(layout, desc)
        pango_font_description_free(desc)
        if let width {
            pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
            pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        }
        switch align {
        case .left: pango_layout_set_alignment(layout, PANGO_ALIGN_LEFT)
        case .center: pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER)
        case .right: pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT)
        }
        pango_layout_set_text(layout, text, -1)
        return layout
    }
}
