import Foundation

/// The hall page's static files (hall.html, hall.js, hall.css), read once at startup from the bundled
/// `Public` resource directory or from a configured directory (e.g. /usr/share/quayd/hall).
public struct HallAssets: Sendable {
    public struct File: Sendable {
        public var contentType: String
        public var body: [UInt8]
    }

    public enum LoadError: Error, Sendable, Equatable, CustomStringConvertible {
        case missing(String)
        public var description: String {
            switch self {
            case .missing(let p): return "hall page file missing: \(p)"
            }
        }
    }

    /// URL path -> file.
    public let files: [String: File]

    public static let names: [(path: String, file: String, type: String)] = [
        ("/", "hall.html", "text/html; charset=utf-8"),
        ("/hall.js", "hall.js", "text/javascript; charset=utf-8"),
        ("/hall.css", "hall.css", "text/css; charset=utf-8"),
    ]

    /// The directory shipped with the QuayWeb module.
    public static var bundledDirectory: String? {
        Bundle.module.url(forResource: "Public", withExtension: nil)?.path
    }

    public init(directory: String? = nil) throws(LoadError) {
        guard let dir = directory ?? Self.bundledDirectory else { throw .missing("Public") }
        var files: [String: File] = [:]
        for entry in Self.names {
            let path = dir + "/" + entry.file
            guard let data = FileManager.default.contents(atPath: path) else { throw .missing(path) }
            files[entry.path] = File(contentType: entry.type, body: Array(data))
        }
        self.files = files
    }
}
