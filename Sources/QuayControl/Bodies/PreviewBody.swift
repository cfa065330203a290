/// `preview`: a sample ticket rendered as it would print.
public struct PreviewBody: Codable, Sendable, Equatable {
    /// Base64 PNG.
    public var png: String
    /// Bytes the printer would receive.
    public var bytes: Int
    public var unknownGlyphs: Int
    public var width: Int
    public var height: Int

    public init(png: String, bytes: Int, unknownGlyphs: Int, width: Int, height: Int) {
        self.png = png
        self.bytes = bytes
        self.unknownGlyphs = unknownGlyphs
        self.width = width
        self.height = height
    }
}
