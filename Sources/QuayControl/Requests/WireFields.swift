import QuayCore

/// Reads a wire request's fields with the checks every op needs: empty text counts as missing, integers are
/// range-checked, enumerations list their values. Used by the `OpRequest` initializers only.
struct WireFields {
    typealias Arg<T> = KeyPath<RequestArgs, T?>
    let r: Request
    init(_ r: Request) { self.r = r }

    /// A top-level text field that must be there.
    func required(_ v: String?, _ name: String) throws(ControlError) -> String {
        guard let v, !v.isEmpty else { throw .missingField(name, op: r.op) }
        return v
    }

    /// A text field of `args`; empty counts as absent.
    subscript(_ key: Arg<String>) -> String? {
        guard let s = r.args?[keyPath: key], !s.isEmpty else { return nil }
        return s
    }

    func required(_ key: Arg<String>, _ name: String) throws(ControlError) -> String {
        guard let v = self[key] else { throw .missingField("args.\(name)", op: r.op) }
        return v
    }

    /// An integer of `args` within `range`; absent means `default`. Out of range is `bad-request` naming the field.
    func int(_ key: Arg<Int>, _ name: String, in range: ClosedRange<Int>, default d: Int) throws(ControlError) -> Int {
        guard let v = r.args?[keyPath: key] else { return d }
        guard range.contains(v) else {
            throw .badRequest("'args.\(name)' must be between \(range.lowerBound) and \(range.upperBound), not \(v)")
        }
        return v
    }

    func date(_ key: Arg<String>, _ name: String) throws(ControlError) -> LocalDate {
        let s = try required(key, name)
        guard let d = LocalDate(iso: s) else { throw .invalidField("args.\(name)", "must be a date YYYY-MM-DD") }
        return d
    }

    /// One of an enumeration's raw values; absent means `def`.
    func choice<T: RawRepresentable & CaseIterable>(_ raw: String?, _ name: String, _ def: T) throws(ControlError) -> T
    where T.RawValue == String {
        guard let s = raw, !s.isEmpty else { return def }
        guard let v = T(rawValue: s) else {
            throw .invalidField(name, "must be one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return v
    }

    func choice<T: RawRepresentable & CaseIterable>(_ key: Arg<String>, _ name: String, _ def: T) throws(ControlError) -> T
    where T.RawValue == String {
        try choice(self[key], "args.\(name)", def)
    }

    /// The ticket's language: vi when absent.
    var language: Language {
        get throws(ControlError) {
            guard let l = r.language else { return .vi }
            guard let v = Language(rawValue: l) else { throw .invalidField("language", "must be vi, km or en") }
            return v
        }
    }
}
