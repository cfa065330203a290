import QuayCore

/// An error reply: `{"id":…,"ok":false,"error":{"code":"…","message":"…","citizen":{"vi":…,"km":…,"en":…}}}`.
/// `citizen` is present for errors a kiosk shows to a citizen, in every language.
public struct ControlError: Error, Sendable, Codable, Equatable {
    public var code: String
    public var message: String
    public var citizen: [String: String]?

    public init(code: String, message: String, citizen: [String: String]? = nil) {
        self.code = code
        self.message = message
        self.citizen = citizen
    }

    public static func badJSON(_ why: String) -> ControlError { .init(code: "bad-json", message: "request is not valid JSON: \(why)") }
    public static func badRequest(_ why: String) -> ControlError { .init(code: "bad-request", message: why) }
    public static func unknownOp(_ op: String) -> ControlError {
        .init(code: "unknown-op", message: "unknown op '\(op)' (see docs/protocol.md)")
    }
    public static func missingField(_ f: String, op: String) -> ControlError {
        .init(code: "missing-field", message: "op '\(op)' needs field '\(f)'")
    }
    public static func invalidField(_ f: String, _ why: String) -> ControlError {
        .init(code: "invalid-field", message: "field '\(f)': \(why)")
    }
    public static func forbidden(op: String, role: String) -> ControlError {
        .init(code: "forbidden", message: "role '\(role)' may not use op '\(op)'")
    }
    public static func lineTooLong(_ max: Int, op: String? = nil) -> ControlError {
        .init(code: "line-too-long", message: "request line longer than \(max) bytes" + (op.map { " for op '\($0)'" } ?? "") + "; closing")
    }
}
