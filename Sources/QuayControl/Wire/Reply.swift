import Foundation

/// A success reply: `{"id":…,"ok":true, …body fields…}`; the body's fields sit beside id and ok.
public struct Reply<Body: Encodable & Sendable>: Encodable, Sendable {
    public var id: RequestID?
    public var body: Body
    public init(id: RequestID?, body: Body) {
        self.id = id
        self.body = body
    }

    enum K: String, CodingKey { case id, ok }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        if let id { try c.encode(id, forKey: .id) } else { try c.encodeNil(forKey: .id) }
        try c.encode(true, forKey: .ok)
        try body.encode(to: encoder)
    }
}

/// An empty body.
public struct Empty: Codable, Sendable, Equatable { public init() {} }

struct ErrorReply: Encodable {
    var id: RequestID?
    var ok = false
    var error: ControlError
    enum K: String, CodingKey { case id, ok, error }
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: K.self)
        if let id { try c.encode(id, forKey: .id) } else { try c.encodeNil(forKey: .id) }
        try c.encode(ok, forKey: .ok)
        try c.encode(error, forKey: .error)
    }
}

/// Encodes replies and events as single NDJSON lines (no newline inside, "\n" at the end).
public enum Wire {
    static func encoder() -> JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }

    public static func line<T: Encodable>(_ value: T) -> [UInt8] {
        do {
            var d = Array(try encoder().encode(value))
            d.append(0x0A)
            return d
        } catch {
            return Array("{\"ok\":false,\"error\":{\"code\":\"internal\",\"message\":\"cannot encode reply\"}}\n".utf8)
        }
    }

    public static func ok<B: Encodable & Sendable>(_ id: RequestID?, _ body: B) -> [UInt8] { line(Reply(id: id, body: body)) }
    /// A success reply whose one body field is JSON encoded elsewhere (a cached snapshot): `{"id":…,"ok":true,"<field>":<json>}`.
    /// `field` must sort after "ok" so keys stay sorted like every other reply.
    public static func ok(_ id: RequestID?, rawField field: String, json: [UInt8]) -> [UInt8] {
        precondition(field > "ok")
        var out = Array(#"{"id":"#.utf8)
        if let id { out += (try? encoder().encode(id)).map(Array.init) ?? Array("null".utf8) } else { out += Array("null".utf8) }
        out += Array(#","ok":true,""#.utf8) + Array(field.utf8) + Array(#"":"#.utf8)
        out += json
        out += [UInt8(ascii: "}"), 0x0A]
        return out
    }

    public static func error(_ id: RequestID?, _ e: ControlError) -> [UInt8] { line(ErrorReply(id: id, error: e)) }

    /// Parses one request line (after the byte-level pre-scan). Errors are ready to send back.
    public static func parseRequest(_ bytes: some Collection<UInt8>) -> Result<Request, ControlError> {
        decode(Request.self, bytes)
    }

    /// Parses only `id` and `op`, so a caller's role is checked before the op's own fields are decoded.
    public static func parseHead(_ bytes: some Collection<UInt8>) -> Result<RequestHead, ControlError> {
        decode(RequestHead.self, bytes)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ bytes: some Collection<UInt8>) -> Result<T, ControlError> {
        if let refusal = JSONPreScan().check(bytes) { return .failure(refusal.controlError) }
        let data = Data(bytes)
        do {
            return .success(try JSONDecoder().decode(T.self, from: data))
        } catch let DecodingError.keyNotFound(key, _) {
            return .failure(.badRequest("missing field '\(key.stringValue)'"))
        } catch let DecodingError.typeMismatch(_, ctx) {
            return .failure(.badRequest("wrong type for '\(path(ctx))': \(ctx.debugDescription)"))
        } catch let DecodingError.valueNotFound(_, ctx) {
            return .failure(.badRequest("null for '\(path(ctx))'"))
        } catch let DecodingError.dataCorrupted(ctx) where !ctx.codingPath.isEmpty {
            // A value of the right JSON type the field cannot hold: 1e300 or -1 for an integer, 1.5 for a count.
            return .failure(.badRequest("bad value for '\(path(ctx))': \(ctx.debugDescription)"))
        } catch let DecodingError.dataCorrupted(ctx) {
            return .failure(.badJSON(ctx.underlyingError.map { "\($0)" } ?? ctx.debugDescription))
        } catch {
            return .failure(.badJSON("\(error)"))
        }
    }

    private static func path(_ ctx: DecodingError.Context) -> String {
        ctx.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
    }

    /// Best-effort id of a request that failed to decode, so the error can still be matched.
    public static func salvageID(_ bytes: some Collection<UInt8>) -> RequestID? {
        guard JSONPreScan().check(bytes) == nil else { return nil }
        return (try? JSONDecoder().decode(OnlyID.self, from: Data(bytes)))?.id ?? nil
    }
}

private struct OnlyID: Decodable { var id: RequestID? }
