import QuayDevices

/// Reads `[[board_model]]` tables: the register map of an LED counter-board model (docs/configuration.md).
///
/// ```toml
/// [[board_model]]
/// name = "acme-bcd"
/// number_register = 16      # first register of the number (0-65535)
/// encoding = "bcd"          # binary | bcd | ascii
/// digits = 4                # 1-5 (binary), 1-4 (bcd), 1-16 characters (ascii)
/// blink_register = 17       # omit when the model cannot blink
/// blink_on = 1
/// blink_off = 0
/// clear_value = 0           # what blanks a numeric display
/// function = "fc16"         # fc06 (single register writes where possible) | fc16 (always write multiple)
/// combine_blink = true      # number and blink in one FC16 frame (blink register right after the number)
/// ```
enum BoardModelReader {
    static func read(_ tables: [TableReader], sink: ProblemSink) -> [BoardModel] {
        var models: [BoardModel] = []
        for t in tables {
            let name = t.string("name", required: true)
            if let name, BoardModel.preset(named: name) != nil || models.contains(where: { $0.name == name }) {
                sink.add("\(t.path).name", "board model '\(name)' is already defined")
            }
            var encoding = BoardModel.Encoding.binary
            if let e = t.string("encoding") {
                if let v = BoardModel.Encoding(rawValue: e) {
                    encoding = v
                } else {
                    sink.add("\(t.path).encoding", "must be binary, bcd or ascii")
                }
            }
            let maxDigits = encoding == .ascii ? 16 : (encoding == .bcd ? 4 : 5)  // bcd and binary fit one 16-bit register
            let digits = t.int("digits", range: 1...maxDigits) ?? 4
            let register = t.int("number_register", range: 0...65535) ?? 0
            let blink = t.int("blink_register", range: 0...65535)
            let blinkOn = t.int("blink_on", range: 0...65535) ?? 1
            let blinkOff = t.int("blink_off", range: 0...65535) ?? 0
            let clear = t.int("clear_value", range: 0...65535) ?? 0xFFFF
            var multipleOnly = false
            if let f = t.string("function") {
                switch f {
                case "fc06": multipleOnly = false
                case "fc16": multipleOnly = true
                default: sink.add("\(t.path).function", "must be fc06 or fc16")
                }
            }
            let combine = t.bool("combine_blink") ?? false
            let numberCount = encoding == .ascii ? (digits + 1) / 2 : 1
            if let blink, (register..<(register + numberCount)).contains(blink) {
                sink.add("\(t.path).blink_register", "overlaps the number's registers \(register)...\(register + numberCount - 1)")
            }
            if combine, blink != register + numberCount {
                sink.add("\(t.path).combine_blink", "needs blink_register right after the number (\(register + numberCount))")
            }
            t.finish()
            guard let name else { continue }
            models.append(
                BoardModel(
                    name: name, numberRegister: UInt16(register), encoding: encoding, digits: digits,
                    blinkRegister: blink.map(UInt16.init), blinkOn: UInt16(blinkOn), blinkOff: UInt16(blinkOff),
                    clearValue: UInt16(clear), writeMultipleOnly: multipleOnly, combineBlinkWrite: combine))
        }
        return models
    }
}
