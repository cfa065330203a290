/// `device-test` answers with one of four bodies, depending on what the role is: a printer prints a test ticket
/// (`PrintTestBody`, as `print-test`), a scanner waits for a scan (`ScanTestBody`), a board bus or a sign shows a
/// test pattern (`DeviceCheckBody`), a voice zone speaks the test phrase (`SayBody`). Clients decode the reply
/// with this type; quayd sends the inner body.
public enum DeviceTestBody: Codable, Sendable, Equatable {
    case check(DeviceCheckBody)
    case scan(ScanTestBody)
    case printed(PrintTestBody)
    case voice(SayBody)

    private enum Keys: String, CodingKey { case scan, printer, zones }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Keys.self)
        if c.contains(.scan) {
            self = .scan(try ScanTestBody(from: decoder))
        } else if c.contains(.zones) {
            self = .voice(try SayBody(from: decoder))
        } else if c.contains(.printer) {
            self = .printed(try PrintTestBody(from: decoder))
        } else {
            self = .check(try DeviceCheckBody(from: decoder))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        switch self {
        case .check(let b): try b.encode(to: encoder)
        case .scan(let b): try b.encode(to: encoder)
        case .printed(let b): try b.encode(to: encoder)
        case .voice(let b): try b.encode(to: encoder)
        }
    }
}
