import Foundation

/// The part of every reply line a client reads first: `{"id":…,"ok":true|false,"error":{…}?}`.
public struct ReplyHead: Decodable, Sendable, Equatable {
    public var id: RequestID?
    public var ok: Bool
    public var error: ControlError?
}

/// A reply line that is not JSON, has no `ok`, or whose body does not decode as the expected type.
public struct ReplyDecodingError: Error, Sendable, CustomStringConvertible {
    /// The expected body type's name.
    public var expected: String
    /// What did not fit (the field path and the decoder's words).
    public var reason: String
    public var description: String { "reply does not decode as \(expected): \(reason)" }
}

extension Wire {
    /// A reply line as a typed body: `{"ok":true,…}` gives `.success(body)` (the body's fields beside `id` and `ok`;
    /// `id` and `ok` themselves are ignored by the body), `{"ok":false,"error":…}` gives `.failure(error)`.
    /// Throws `ReplyDecodingError` for a line that is neither.
    public static func decodeReply<B: Decodable>(_ line: some Collection<UInt8>, as type: B.Type) throws(ReplyDecodingError) -> Result<
        B, ControlError
    > {
        let data = Data(line)
        let decoder = JSONDecoder()
        let head: ReplyHead
        do { head = try decoder.decode(ReplyHead.self, from: data) } catch {
            throw ReplyDecodingError(expected: "a reply", reason: describe(error))
        }
        guard head.ok else {
            guard let e = head.error else { throw ReplyDecodingError(expected: "a reply", reason: "\"ok\":false without \"error\"") }
            return .failure(e)
        }
        do { return .success(try decoder.decode(B.self, from: data)) } catch {
            throw ReplyDecodingError(expected: "\(B.self)", reason: describe(error))
        }
    }

    /// A line without `ok` (a `watch` stream line after the first) as `B`.
    public static func decodeLine<B: Decodable>(_ line: some Collection<UInt8>, as type: B.Type) throws(ReplyDecodingError) -> B {
        do { return try JSONDecoder().decode(B.self, from: Data(line)) } catch {
            throw ReplyDecodingError(expected: "\(B.self)", reason: describe(error))
        }
    }

    static func describe(_ error: any Error) -> String {
        func at(_ ctx: DecodingError.Context) -> String {
            let p = ctx.codingPath.map { $0.intValue.map { "[\($0)]" } ?? $0.stringValue }.joined(separator: ".")
            return p.isEmpty ? "top level" : "'\(p)'"
        }
        switch error {
        case DecodingError.keyNotFound(let key, let ctx): return "missing field '\(key.stringValue)' at \(at(ctx))"
        case DecodingError.typeMismatch(_, let ctx): return "wrong type at \(at(ctx)): \(ctx.debugDescription)"
        case DecodingError.valueNotFound(_, let ctx): return "null at \(at(ctx))"
        case DecodingError.dataCorrupted(let ctx):
            return "bad value at \(at(ctx)): \(ctx.underlyingError.map { "\($0)" } ?? ctx.debugDescription)"
        default: return "\(error)"
        }
    }
}
