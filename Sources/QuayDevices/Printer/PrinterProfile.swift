/// What one printer model can do. Built-in profiles cover the common clones; a config file may define more.
public struct PrinterProfile: Sendable, Equatable, Codable {
    public var name: String
    /// Printable width in dots: 576 for 80 mm paper, 384 for 58 mm (203 dpi).
    public var paperWidthDots: Int
    /// Understands `GS ( k` QR codes; otherwise the QR is sent as raster.
    public var nativeQR: Bool
    /// May print printable-ASCII lines in its own font (much cheaper than raster).
    public var nativeText: Bool
    /// Native font width in dots of one character at size 1 (font A: 12 dots).
    public var nativeCharWidthDots: Int
    /// `ESC t n` to select before native text; nil keeps the printer's default.
    public var codePage: UInt8?
    public var cut: EscPos.Cut
    /// Largest `rows` value sent in one `GS v 0` command (many clones lose data above ~256 rows).
    public var maxRasterRows: Int
    /// Honours `ESC a` for raster images, so centred lines can be cropped left and right.
    public var rasterAlignment: Bool
    /// Answers `DLE EOT n`; when false the driver cannot know about paper out and prints blind.
    public var statusReplies: Bool
    /// Serial line speed (bits per second) for serial models; nil for USB.
    public var baudRate: Int?
    /// QR module size in dots.
    public var qrModuleDots: Int
    /// Which lines the printer's font can print (ASCII everywhere; Vietnamese on models with TCVN-3).
    public var textEncoding: PrinterTextEncoding

    public init(
        name: String, paperWidthDots: Int, nativeQR: Bool, nativeText: Bool = true, nativeCharWidthDots: Int = 12,
        codePage: UInt8? = nil, cut: EscPos.Cut = .feedAndPartial(24), maxRasterRows: Int = 256,
        rasterAlignment: Bool = true, statusReplies: Bool = true, baudRate: Int? = nil, qrModuleDots: Int = 6,
        textEncoding: PrinterTextEncoding = .ascii
    ) {
        self.name = name
        self.paperWidthDots = paperWidthDots
        self.nativeQR = nativeQR
        self.nativeText = nativeText
        self.nativeCharWidthDots = nativeCharWidthDots
        self.codePage = codePage
        self.cut = cut
        self.maxRasterRows = maxRasterRows
        self.rasterAlignment = rasterAlignment
        self.statusReplies = statusReplies
        self.baudRate = baudRate
        self.qrModuleDots = qrModuleDots
        self.textEncoding = textEncoding
    }

    /// 80 mm USB printer with native QR (Epson TM-T20/T82 class and most 80 mm clones).
    public static let generic80 = PrinterProfile(name: "generic-80", paperWidthDots: 576, nativeQR: true)
    /// 58 mm USB printer with native QR.
    public static let generic58 = PrinterProfile(name: "generic-58", paperWidthDots: 384, nativeQR: true, qrModuleDots: 5)
    /// Cheap 58 mm serial printer without QR support: everything but ASCII text is raster; 9600 baud.
    public static let pos58Serial = PrinterProfile(
        name: "pos58-serial", paperWidthDots: 384, nativeQR: false,
        maxRasterRows: 128, baudRate: 9600, qrModuleDots: 5)

    /// 80 mm Epson with the TCVN-3 tables (`ESC t 30/31`: TM-T20II, TM-T88II, TM-L90 and others, docs/hardware.md):
    /// Vietnamese lines go as native text, one byte per letter.
    public static let epson80TCVN3 = PrinterProfile(
        name: "epson-80-tcvn3", paperWidthDots: 576, nativeQR: true, textEncoding: .tcvn3)

    public static let builtIn: [PrinterProfile] = [.generic80, .generic58, .pos58Serial, .epson80TCVN3]

    public static func named(_ name: String) -> PrinterProfile? { builtIn.first { $0.name == name } }

    public var widthBytes: Int { (paperWidthDots + 7) / 8 }
}

extension EscPos.Cut: Codable {
    private enum CodingKeys: String, CodingKey { case kind, feedDots }
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        switch try c.decode(String.self, forKey: .kind) {
        case "full": self = .full
        case "partial": self = .partial
        default: self = .feedAndPartial(try c.decodeIfPresent(Int.self, forKey: .feedDots) ?? 24)
        }
    }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        switch self {
        case .full: try c.encode("full", forKey: .kind)
        case .partial: try c.encode("partial", forKey: .kind)
        case .feedAndPartial(let n):
            try c.encode("feed-partial", forKey: .kind)
            try c.encode(n, forKey: .feedDots)
        }
    }
}
