import Hummingbird
import NIOCore

/// Checks every state-changing request from a page before anything reads it: a JSON content type (a cross-site
/// form cannot send one without a CORS preflight, which quayd never grants), a same-origin `Origin` (or
/// `Sec-Fetch-Site`) when the browser sends one, and a bounded body. Pages of other sites can neither post a
/// ticket request nor read the answer.
public enum WebRequestGuard {
    public enum Refusal: Error, Sendable, Equatable {
        case notJSON, crossSite, tooLarge, unreadable

        public var response: Response {
            switch self {
            case .notJSON: WebResponses.text(.unsupportedMediaType, "send application/json")
            case .crossSite: WebResponses.text(.forbidden, "cross-site request refused")
            case .tooLarge: WebResponses.text(.contentTooLarge, "request body too large")
            case .unreadable: WebResponses.text(.badRequest, "request body unreadable")
            }
        }
    }

    /// The body of a same-origin JSON POST, at most `limit` bytes.
    public static func jsonBody(_ request: Request, limit: Int) async throws(Refusal) -> ByteBuffer {
        try checkOrigin(request)
        let type = request.headers[.contentType] ?? ""
        guard type.lowercased().hasPrefix("application/json") else { throw .notJSON }
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw .tooLarge }
        do {
            return try await request.body.collect(upTo: limit)
        } catch let e as any HTTPResponseError where e.status == .contentTooLarge {
            throw .tooLarge
        } catch {
            throw .unreadable
        }
    }

    /// Refuses a request a browser marks as coming from another site.
    public static func checkOrigin(_ request: Request) throws(Refusal) {
        if let site = request.headers[.init("Sec-Fetch-Site")!], site != "same-origin", site != "none" { throw .crossSite }
        guard let origin = request.headers[.origin] else { return }
        let host = request.head.authority ?? ""
        guard origin == "http://" + host || origin == "https://" + host else { throw .crossSite }
    }
}
