/// `print-test` (and `device-test` on a printer). `bytes` and `milliseconds` are strings on the wire.
public struct PrintTestBody: Codable, Sendable, Equatable {
    public var printer: String
    public var bytes: String
    public var milliseconds: String

    public init(printer: String, bytes: String, milliseconds: String) {
        self.printer = printer
        self.bytes = bytes
        self.milliseconds = milliseconds
    }
}
