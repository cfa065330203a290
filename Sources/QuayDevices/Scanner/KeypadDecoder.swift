/// A clerk's counter keypad (a USB numeric keypad, evdev): one key per queue action. Pure: feed key events, get an
/// action on each key press (releases and autorepeat are ignored, so holding a key never calls twice).
///
/// Default keys, printed on a sticker next to the keypad (docs/operations.md):
/// Enter = call next · + = recall · * = start serving · / = done · − = no-show · . or Backspace = back to queue ·
/// 0 then a service's number (1–9, the order of `[[service]]` in quayd.toml) = transfer the current citizen there.
public enum KeypadAction: String, Sendable, CaseIterable {
    case callNext = "call-next"
    case recall
    case startServing = "start-serving"
    case done
    case noShow = "no-show"
    case returnToQueue = "return"
    /// The first key of the transfer sequence; the next digit names the service.
    case transfer
}

public struct KeypadDecoder: Sendable {
    /// Linux key code -> action.
    public static let defaultKeys: [UInt16: KeypadAction] = [
        96: .callNext, 28: .callNext,  // KEY_KPENTER, KEY_ENTER
        78: .recall,  // KEY_KPPLUS
        55: .startServing,  // KEY_KPASTERISK
        98: .done,  // KEY_KPSLASH
        74: .noShow,  // KEY_KPMINUS
        83: .returnToQueue, 14: .returnToQueue,  // KEY_KPDOT, KEY_BACKSPACE
        82: .transfer,  // KEY_KP0
    ]
    /// Linux key code -> digit 1–9: the keypad's digits and the number row.
    public static let digitKeys: [UInt16: Int] = [
        79: 1, 80: 2, 81: 3, 75: 4, 76: 5, 77: 6, 71: 7, 72: 8, 73: 9,  // KEY_KP1 … KEY_KP9
        2: 1, 3: 2, 4: 3, 5: 4, 6: 5, 7: 6, 8: 7, 9: 8, 10: 9,  // KEY_1 … KEY_9
    ]

    public let keys: [UInt16: KeypadAction]
    public init(keys: [UInt16: KeypadAction] = KeypadDecoder.defaultKeys) { self.keys = keys }

    public enum Output: Sendable, Equatable {
        case action(KeypadAction)
        /// A digit 1–9 (a service's number after the transfer key).
        case digit(Int)
        /// A key with no action (digits, NumLock…): reported so a technician can see the keypad is alive.
        case unmapped(UInt16)
    }

    public func feed(type: UInt16, code: UInt16, value: Int32) -> Output? {
        guard type == KeyboardWedgeDecoder.evKey, value == 1 else { return nil }
        if code == 69 { return nil }  // KEY_NUMLOCK: keypads toggle it on their own
        if let a = keys[code] { return .action(a) }
        return Self.digitKeys[code].map(Output.digit) ?? .unmapped(code)
    }

    /// For `ScannerDriver(evdevDecoding:)`: the action's name as the reading's text.
    public static func decoding(keys: [UInt16: KeypadAction] = defaultKeys) -> ScannerDriver.EvdevDecoding {
        let d = KeypadDecoder(keys: keys)
        return { type, code, value in
            switch d.feed(type: type, code: code, value: value) {
            case .action(let a)?: return (a.rawValue, nil)
            case .digit(let n)?: return (digitText(n), nil)
            case .unmapped(let c)?: return (nil, "key \(c) has no action")
            case nil: return nil
            }
        }
    }

    /// The reading text of a digit key ("digit-2"), and back.
    public static func digitText(_ n: Int) -> String { "digit-\(n)" }
    public static func digit(fromText text: String) -> Int? {
        guard text.hasPrefix("digit-") else { return nil }
        return Int(text.dropFirst(6))
    }
}
