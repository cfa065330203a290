import CPangoCairo

public enum PNGWriteError: Error, Sendable, Equatable {
    case cairo(String)
}

/// Writes a `MonoBitmap` as a PNG through Cairo (black dots on white), for `preview` and for test artefacts.
public enum PNGWriter {
    public static func write(_ bmp: MonoBitmap, to path: String) throws(PNGWriteError) {
        let w = max(1, bmp.width), h = max(1, bmp.height)
        guard let s = cairo_image_surface_create(CAIRO_FORMAT_RGB24, Int32(w), Int32(h)) else { throw .cairo("create") }
        defer { cairo_surface_destroy(s) }
        cairo_surface_flush(s)
        let stride = Int(cairo_image_surface_get_stride(s))
        guard let data = cairo_image_surface_get_data(s) else { throw .cairo("no data") }
        let raw = UnsafeMutableRawPointer(data)
        for y in 0..<h {
            for x in 0..<w {
                let v: UInt32 = bmp.pixel(x, y) ? 0x000000 : 0xFFFFFF
                raw.storeBytes(of: v, toByteOffset: y * stride + x * 4, as: UInt32.self)
            }
        }
        cairo_surface_mark_dirty(s)
        let st = cairo_surface_write_to_png(s, path)
        guard st == CAIRO_STATUS_SUCCESS else { throw .cairo(String(cString: cairo_status_to_string(st))) }
    }
}
