import QuayDevices

/// QR codes for web pages as SVG (the phone page's address on the kiosk screen), drawn from the same libqrencode
/// raster the printers use: one `<rect>` run per row of dark modules, crisp at any size.
enum WebQRCode {
    static func svg(_ text: String) -> String? {
        guard text.utf8.count <= 512, let bmp = QRRaster.bitmap(Array(text.utf8), moduleDots: 1, errorCorrection: .medium) else {
            return nil
        }
        var path = ""
        for y in 0..<bmp.height {
            var x = 0
            while x < bmp.width {
                guard bmp.pixel(x, y) else {
                    x += 1
                    continue
                }
                let start = x
                while x < bmp.width && bmp.pixel(x, y) { x += 1 }
                path += "M\(start) \(y)h\(x - start)v1h-\(x - start)z"
            }
        }
        return """
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(bmp.width) \(bmp.height)" shape-rendering="crispEdges">\
            <rect width="100%" height="100%" fill="#fff"/><path d="\(path)" fill="#000"/></svg>
            """
    }
}
