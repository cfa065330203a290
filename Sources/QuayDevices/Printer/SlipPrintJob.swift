/// A staff slip on the ticket printer (the postal hand-over list): a title, header lines, numbered entries of one
/// code line and one detail line each, closing lines and a QR. Plain data, already in the reader's language; the
/// printer layer only lays it out (`SlipRenderer`).
public struct SlipPrintJob: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        /// Codes (receipt code, tracking number): printed in the printer's font when ASCII.
        public var codes: String
        /// Names and the like, in any script.
        public var detail: String

        public init(codes: String, detail: String) { (self.codes, self.detail) = (codes, detail) }
    }

    public var title: String
    public var header: [String]
    public var entries: [Entry]
    public var footer: [String]
    /// Encoded into a QR under the list (e.g. the batch id); empty: none.
    public var qrPayload: String
    /// "vi", "km" or "en": selects fonts.
    public var language: String

    public init(title: String, header: [String], entries: [Entry], footer: [String], qrPayload: String, language: String = "vi") {
        (self.title, self.header, self.entries, self.footer) = (title, header, entries, footer)
        (self.qrPayload, self.language) = (qrPayload, language)
    }
}
