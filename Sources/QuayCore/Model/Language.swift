/// A language Quay speaks to citizens: Vietnamese, Khmer, English.
public enum Language: String, Sendable, Codable, CaseIterable, Hashable, Comparable {
    case vi, km, en

    public static func < (a: Language, b: Language) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// Text in each language; lookups fall back to Vietnamese, never to a blank.
public struct LocalizedText: Sendable, Codable, Equatable, Hashable {
    public var values: [Language: String]
    public init(_ values: [Language: String]) { self.values = values }
    public init(vi: String, km: String? = nil, en: String? = nil) {
        var v: [Language: String] = [.vi: vi]
        if let km { v[.km] = km }
        if let en { v[.en] = en }
        values = v
    }
    public subscript(_ lang: Language) -> String {
        for l in [lang, .vi] + Language.allCases { if let s = values[l], !s.isEmpty { return s } }
        return ""
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        for (k, v) in values { try c.encode(v, forKey: CodingKeys(stringValue: k.rawValue)!) }
    }
    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        var v: [Language: String] = [:]
        for k in c.allKeys { if let l = Language(rawValue: k.stringValue) { v[l] = try c.decode(String.self, forKey: k) } }
        values = v
    }
    struct CodingKeys: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init?(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}
