/// Encoder for the Alpha Sign Communications Protocol (Adaptive/Alpha LED text signs), "write TEXT file" command:
///
///     00 00 00 00 00   SOH  type  address  STX  'A'  label  [ESC position mode]  text  [ETX checksum]  EOT
///
/// - five NULs let the sign detect the baud rate; SOH (0x01) starts the packet;
/// - type code: 'Z' = all sign types (default), e.g. '!' (0x21) for a specific series;
/// - address: two ASCII hex digits, "00" = every sign on the line (broadcast);
/// - STX (0x02), command 'A' = write TEXT file, file label (default 'A', the file shown at power-up);
/// - optional mode field ESC (0x1B), display position, mode code (e.g. hold);
/// - optional checksum: ETX (0x03) then four uppercase hex digits of the 16-bit sum of all bytes from STX through ETX;
/// - EOT (0x04) ends the transmission.
///
/// Text must be printable ASCII: Vietnamese is folded by `ASCIIFolding` ("Mời số A015 đến quầy 3" ->
/// "Moi so A015 den quay 3"), Khmer is replaced (these signs have no Khmer glyphs), control bytes are removed so text
/// can never end or corrupt the packet.
public struct AlphaSign: Sendable, Equatable {
    /// Display position for the optional mode field.
    public enum Position: UInt8, Sendable, Codable {
        case middle = 0x20, top = 0x22, bottom = 0x26, fill = 0x30
    }

    /// A few display modes for the optional mode field.
    public enum Mode: UInt8, Sendable, Codable {
        case rotate = 0x61, hold = 0x62, flash = 0x63, rollUp = 0x65, rollDown = 0x66, scroll = 0x6D, automode = 0x6F
    }

    public static let soh: UInt8 = 0x01, stx: UInt8 = 0x02, etx: UInt8 = 0x03, eot: UInt8 = 0x04, esc: UInt8 = 0x1B
    public static let writeText: UInt8 = 0x41  // 'A'

    public var typeCode: UInt8
    /// Two ASCII hex digits, e.g. "00" (all signs) or "01".
    public var address: String
    public var label: UInt8
    public var position: Position?
    public var mode: Mode?
    public var checksum: Bool
    /// Longest text sent (signs have small TEXT files; the default memory configuration holds 125 bytes in 'A').
    public var maxTextLength: Int

    public init(
        typeCode: UInt8 = 0x5A, address: String = "00", label: UInt8 = 0x41,
        position: Position? = nil, mode: Mode? = nil, checksum: Bool = false, maxTextLength: Int = 125
    ) {
        self.typeCode = typeCode
        self.address = address
        self.label = label
        self.position = position
        self.mode = mode
        self.checksum = checksum
        self.maxTextLength = maxTextLength
    }

    /// The ASCII text the sign will actually receive for `text`.
    public func signText(_ text: String) -> String {
        String(ASCIIFolding.fold(text).prefix(maxTextLength))
    }

    /// Complete packet writing `text` into the TEXT file `label`.
    public func writeTextPacket(_ text: String) -> [UInt8] {
        var packet: [UInt8] = [0, 0, 0, 0, 0, Self.soh, typeCode]
        let addr = Array(address.utf8.filter { $0 >= 0x20 && $0 < 0x7F }.prefix(2))
        packet += addr.count == 2 ? addr : [0x30, 0x30]
        var body: [UInt8] = [Self.stx, Self.writeText, label]
        if let mode {
            body += [Self.esc, (position ?? .middle).rawValue, mode.rawValue]
        }
        body += Array(signText(text).utf8)
        if checksum {
            body.append(Self.etx)
            let sum = body.reduce(UInt16(0)) { $0 &+ UInt16($1) }
            body += Array(hex4(sum).utf8)
        }
        packet += body
        packet.append(Self.eot)
        return packet
    }

    private func hex4(_ v: UInt16) -> String {
        let s = String(v, radix: 16, uppercase: true)
        return String(repeating: "0", count: 4 - s.count) + s
    }
}
