import Foundation
import Hummingbird
import NIOCore

/// Static files of a page (HTML, JS, CSS) read once at start from the bundled `Public` directory or a configured
/// one, served with `no-cache` so a kiosk picks up a new quayd's page on reload.
public struct WebAssets: Sendable {
    public struct File: Sendable {
        public var contentType: String
        public var body: ByteBuffer
    }

    /// File name → file.
    public let files: [String: File]

    static func contentType(_ name: String) -> String {
        switch (name as NSString).pathExtension {
        case "html": "text/html; charset=utf-8"
        case "js": "text/javascript; charset=utf-8"
        case "css": "text/css; charset=utf-8"
        case "svg": "image/svg+xml"
        default: "application/octet-stream"
        }
    }

    public init(names: [String], directory: String? = nil) throws(HallAssets.LoadError) {
        guard let dir = directory ?? HallAssets.bundledDirectory else { throw .missing("Public") }
        var files: [String: File] = [:]
        for name in names {
            let path = dir + "/" + name
            guard let data = FileManager.default.contents(atPath: path) else { throw .missing(path) }
            files[name] = File(contentType: Self.contentType(name), body: ByteBuffer(bytes: data))
        }
        self.files = files
    }

    /// The file as a response (404 if it is not one of this page's files).
    public func response(_ name: String) -> Response {
        guard let f = files[name] else { return WebResponses.notFound() }
        return Response(
            status: .ok,
            headers: [.contentType: f.contentType, .cacheControl: "no-cache", .init("X-Content-Type-Options")!: "nosniff"],
            body: ResponseBody(byteBuffer: f.body))
    }
}
