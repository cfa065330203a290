/// What the printer's own font can print, i.e. which lines may go as native text instead of raster.
public enum PrinterTextEncoding: String, Sendable, Equatable, Codable, CaseIterable {
    /// Printable ASCII only (shared by every code page): Vietnamese and Khmer lines are drawn as raster.
    case ascii
    /// ASCII plus Vietnamese through the TCVN-3 tables `ESC t 30`/`31` (see `TCVN3`); Khmer is still raster.
    case tcvn3 = "tcvn-3"

    /// Bytes for one native line of `s` followed by LF, or nil when `s` cannot be printed in the printer's font.
    public func line(_ s: String) -> [UInt8]? {
        switch self {
        case .ascii: return EscPos.textLine(s)
        case .tcvn3: return TCVN3.encode(s).map { $0 + [EscPos.lf] }
        }
    }

    /// True when `line(s)` would succeed.
    public func canPrint(_ s: String) -> Bool {
        switch self {
        case .ascii: return EscPos.isNativeText(s)
        case .tcvn3: return TCVN3.canEncode(s)
        }
    }

    /// `ESC t n` sent once at the start of a ticket (nil: keep the profile's `codePage`).
    public var initialCodePage: UInt8? {
        switch self {
        case .ascii: return nil
        case .tcvn3: return TCVN3.lowerTable
        }
    }
}
