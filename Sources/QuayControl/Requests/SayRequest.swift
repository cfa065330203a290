import Foundation
import QuayCore

/// `say`: `args.text` (1–200 characters after trimming, no control characters), `language` (vi default, km,
/// en), `args.zone` (a zone name; absent = every zone; quayd checks it names a configured zone).
public struct SayRequest: OpRequest, Equatable {
    public static let maxLength = 200

    public var text: String
    public var language: Language
    public var zone: String?

    public init(text: String, language: Language = .vi, zone: String? = nil) {
        self.text = text
        self.language = language
        self.zone = zone
    }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        guard let raw = r.args?.text else { throw .missingField("args.text", op: r.op) }
        let t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { throw .invalidField("args.text", "is empty") }
        guard t.count <= Self.maxLength else { throw .invalidField("args.text", "is \(t.count) characters; at most \(Self.maxLength)") }
        guard !t.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidField("args.text", "contains control characters")
        }
        self.init(text: t, language: try f.language, zone: f[\.zone])
    }

    public var subject: AuditSubject { AuditSubject() }
}
