import Foundation
import QuayCore
import TOMLKit

/// Loads message overrides from `<dir>/<lang>.toml`: `"ticket.title" = { text = "…", reviewed = true }`
/// or simply `"ticket.title" = "…"` (then reviewed = true for vi/en, false for km).
enum CatalogLoader {
    static func load(dir: String?, base: MessageCatalog = .builtIn) throws(ConfigError) -> MessageCatalog {
        var c = base
        guard let dir else { return c }
        var problems: [ConfigProblem] = []
        for lang in Language.allCases {
            let file = (dir as NSString).appendingPathComponent("\(lang.rawValue).toml")
            guard FileManager.default.fileExists(atPath: file) else { continue }
            let text: String
            do { text = try ConfigLoader.readSmall(file) } catch {
                problems.append(ConfigProblem(path: file, line: nil, message: error.message))
                continue
            }
            if let line = TOMLHeaderCheck.firstBadHeaderLine(text) {  // toml++ would abort the process
                problems.append(ConfigProblem(path: file, line: line, message: TOMLHeaderCheck.message))
                continue
            }
            let table: TOMLTable
            do { table = try TOMLTable(string: text) } catch let e as TOMLParseError {
                problems.append(ConfigProblem(path: file, line: e.source.begin.line, message: e.description))
                continue
            } catch {
                problems.append(ConfigProblem(path: file, line: nil, message: "\(error)"))
                continue
            }
            for key in table.keys {
                let v = table[key]
                if let s = v?.string {
                    c.set(key, lang, .init(text: s, reviewed: lang != .km))
                } else if let t = v?.table, let s = t["text"]?.string {
                    c.set(key, lang, .init(text: s, reviewed: t["reviewed"]?.bool ?? false))
                } else {
                    problems.append(
                        ConfigProblem(
                            path: "\(file): \(key)", line: LineLocator(source: text).line(of: key),
                            message: "must be a string or { text = \"…\", reviewed = true }"))
                }
            }
        }
        if !problems.isEmpty { throw ConfigError(file: dir, problems: problems) }
        return c
    }
}
