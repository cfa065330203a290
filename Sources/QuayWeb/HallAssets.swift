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

    /// Where the pages are found without configuration, first that exists: the installed layout
    /// (`<prefix>/bin/quayd` → `<prefix>/share/quay/web`, what `make install` and the .deb put there), then the
    /// resource bundle SwiftPM builds next to the executable (`Quay_QuayWeb.resources/Public`). `Bundle.module`
    /// is not used: it stops the process when the bundle is missing (an installed quayd without its build tree).
    public static var bundledDirectory: String? {
        let exe = URL(fileURLWithPath: CommandLine.arguments.first.map { ($0 as NSString).resolvingSymlinksInPath } ?? "")
        let dirs = [Bundle.main.bundlePath, exe.deletingLastPathComponent().path]
        let candidates = dirs.flatMap { dir in
            [
                URL(fileURLWithPath: dir).deletingLastPathComponent().appendingPathComponent("share/quay/web").path,
                dir + "/Quay_QuayWeb.resources/Public",
            ]
        }
        return candidates.first { FileManager.default.fileExists(atPath: $0 + "/" + names[0].file) }
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
