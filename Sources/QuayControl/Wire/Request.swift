/// The request id a client chose: echoed back unchanged. Numbers and strings are accepted.
public enum RequestID: Sendable, Codable, Equatable, Hashable {
    case int(Int64)
    case string(String)

    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int64.self) {
            self = .int(i)
            return
        }
        if let s = try? c.decode(String.self) {
            self = .string(s)
            return
        }
        throw DecodingError.typeMismatch(
            RequestID.self, .init(codingPath: decoder.codingPath, debugDescription: "id must be a number or a string"))
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let i): try c.encode(i)
        case .string(let s): try c.encode(s)
        }
    }
}

/// One control request: `{"id":1,"op":<an OpCatalog name>,"service":"hotich","language":"km"}`. Every field but `op` is
/// optional at this level; each op checks the fields it needs and answers `missing-field` otherwise.
public struct Request: Sendable, Codable, Equatable {
    public var id: RequestID?
    public var op: String
    public var service: String?
    public var priority: String?
    public var language: String?
    public var counter: String?
    public var ticket: String?
    public var toService: String?
    public var toCounter: String?
    public var state: String?
    /// watch: also stream device health changes.
    public var devices: Bool?
    /// print-test / preview / device ops: which device role.
    public var role: String?
    /// Arguments of newer ops (dossiers, imports), typed: see `RequestArgs`.
    public var args: RequestArgs?

    public init(id: RequestID? = nil, op: String) {
        self.id = id
        self.op = op
    }
}

/// The two fields every request is routed by; decoded (and checked against the caller's role) before the rest.
public struct RequestHead: Sendable, Decodable, Equatable {
    public var id: RequestID?
    public var op: String
}
