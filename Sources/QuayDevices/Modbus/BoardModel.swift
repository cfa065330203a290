/// The register map of one LED counter-board model, from configuration (`[[board_model]]` in quayd.toml).
///
/// Boards differ: most show a number written with FC06 to register 0, some want BCD, text boards take ASCII in
/// several registers (FC16). Blink, when supported, is a register with an on and an off value.
public struct BoardModel: Sendable, Codable, Equatable {
    public enum Encoding: String, Sendable, Codable {
        /// The digits of the ticket number as a binary integer ("A015" -> 15).
        case binary
        /// The digits as packed BCD, one nibble per digit ("A015" -> 0x0015).
        case bcd
        /// The ticket text (e.g. "A015") as ASCII, two characters per register, high byte first, right-aligned.
        case ascii
    }

    public var name: String
    /// First register of the number (or text).
    public var numberRegister: UInt16
    public var encoding: Encoding
    /// Digits (binary/bcd) or characters (ascii) the board displays.
    public var digits: Int
    /// Register that selects blinking; nil when the model cannot blink.
    public var blinkRegister: UInt16?
    public var blinkOn: UInt16
    public var blinkOff: UInt16
    /// Value that blanks the display (binary/bcd; many boards use 0xFFFF, some 0). ASCII boards clear with spaces.
    public var clearValue: UInt16
    /// Always use FC16, even for one register (models without FC06).
    public var writeMultipleOnly: Bool
    /// When the blink register directly follows the number, write both in one FC16 frame (halves bus time).
    public var combineBlinkWrite: Bool

    public init(
        name: String, numberRegister: UInt16 = 0, encoding: Encoding = .binary, digits: Int = 4,
        blinkRegister: UInt16? = nil, blinkOn: UInt16 = 1, blinkOff: UInt16 = 0,
        clearValue: UInt16 = 0xFFFF, writeMultipleOnly: Bool = false, combineBlinkWrite: Bool = false
    ) {
        self.name = name
        self.numberRegister = numberRegister
        self.encoding = encoding
        self.digits = digits
        self.blinkRegister = blinkRegister
        self.blinkOn = blinkOn
        self.blinkOff = blinkOff
        self.clearValue = clearValue
        self.writeMultipleOnly = writeMultipleOnly
        self.combineBlinkWrite = combineBlinkWrite
    }

    /// The common 4-digit board: FC06 number at 0x0000, FC06 blink flag at 0x0001, 0xFFFF blanks.
    public static let generic4Digit = BoardModel(name: "generic-4digit", blinkRegister: 1)
    /// A 4-character text board: ASCII in registers 0x0000-0x0001 (FC16), blink at 0x0010.
    public static let text4 = BoardModel(name: "text-4", encoding: .ascii, digits: 4, blinkRegister: 0x0010)

    /// Built-in models by name, for configs that name a model instead of spelling out its registers.
    public static let presets: [String: BoardModel] = [generic4Digit.name: generic4Digit, text4.name: text4]

    /// A built-in model ("generic-4digit", "text-4"), or nil.
    public static func preset(named name: String) -> BoardModel? { presets[name] }

    /// Registers the number occupies.
    public var numberRegisterCount: Int {
        encoding == .ascii ? (max(1, digits) + 1) / 2 : 1
    }
}
