/// Finds the line of a key path such as `service[2].prefix` or `policy.max_recalls` in TOML source text, so
/// problems point a technician at a line. Best effort: nil when the key is not written literally.
struct LineLocator {
    let lines: [Substring]

    init(source: String) { lines = source.split(separator: "\n", omittingEmptySubsequences: false) }

    func line(of path: String) -> Int? {
        // Split "a.b[2].c" into sections "a", "b[2]" and the last key "c".
        var parts = path.split(separator: ".").map(String.init)
        guard let key = parts.popLast() else { return nil }
        var start = 0
        var end = lines.count
        if !parts.isEmpty {
            let header = parts.map { $0.split(separator: "[").first.map(String.init) ?? $0 }.joined(separator: ".")
            let index = parts.last.flatMap { p -> Int? in
                guard let o = p.firstIndex(of: "["), let c = p.firstIndex(of: "]") else { return nil }
                return Int(p[p.index(after: o)..<c])
            }
            var seen = -1
            var found: Int?
            for (i, l) in lines.enumerated() {
                let t = l.trimmingCharacters(in: .whitespaces)
                if t.hasPrefix("[[\(header)]]") || (index == nil && t.hasPrefix("[\(header)]")) {
                    seen += 1
                    if seen == (index ?? 0) {
                        found = i
                        break
                    }
                }
            }
            guard let f = found else { return nil }
            start = f + 1
            end = lines[start...].firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("[") } ?? lines.count
        } else {
            end = lines.firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("[") } ?? lines.count
        }
        let bare = key.split(separator: "[").first.map(String.init) ?? key
        for i in start..<end {
            let t = lines[i].trimmingCharacters(in: .whitespaces)
            if t.hasPrefix(bare) {
                let rest = t.dropFirst(bare.count).trimmingCharacters(in: .whitespaces)
                if rest.hasPrefix("=") { return i + 1 }
            }
        }
        return parts.isEmpty ? nil : start
    }
}

import Foundation
