import Foundation
import QuayControl
import Testing

/// docs/protocol.md and `OpCatalog` describe the same ops with the same roles.
@Suite struct OpCatalogTests {
    static let protocolDoc: String = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        return (try? String(contentsOf: root.appendingPathComponent("docs/protocol.md"), encoding: .utf8)) ?? ""
    }()

    /// Op names from the "### op, op (role)" headings of the ops sections, and `## watch`.
    static func documentedOps() -> Set<String> {
        var out: Set<String> = []
        let doc = protocolDoc
        let end = doc.range(of: "\n## Error codes")?.lowerBound ?? doc.endIndex
        for line in doc[..<end].split(separator: "\n") {
            let heading: Substring
            if line.hasPrefix("### ") { heading = line.dropFirst(4) } else if line == "## watch" { heading = "watch" } else { continue }
            let names = heading.split(separator: "(").first ?? ""
            for n in names.split(separator: ",") {
                let name = n.trimmingCharacters(in: .whitespaces)
                if name.allSatisfy({ $0.isLowercase || $0 == "-" || $0.isNumber }), !name.isEmpty { out.insert(name) }
            }
        }
        return out
    }

    @Test func everyDocumentedOpIsInTheCatalogAndBack() {
        let documented = Self.documentedOps()
        #expect(!documented.isEmpty, "docs/protocol.md not found or has no op headings")
        let declared = Set(OpCatalog.all.map(\.name))
        #expect(documented.subtracting(declared).isEmpty, "documented but not declared: \(documented.subtracting(declared).sorted())")
        #expect(declared.subtracting(documented).isEmpty, "declared but not documented: \(declared.subtracting(documented).sorted())")
    }

    /// The "minimum role of every op" table agrees with the catalogue.
    @Test func documentedRolesMatch() {
        let doc = Self.protocolDoc
        guard let start = doc.range(of: "| op | minimum role |") else {
            Issue.record("role table missing")
            return
        }
        var seen: Set<String> = []
        for line in doc[start.upperBound...].split(separator: "\n").dropFirst().prefix(while: { $0.hasPrefix("|") }) {
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2, let role = Role(rawValue: cells[1]) else { continue }
            for name in cells[0].split(separator: ",").map({ $0.trimmingCharacters(in: CharacterSet(charactersIn: " `")) }) {
                seen.insert(name)
                #expect(
                    OpCatalog.spec(name)?.minimumRole == role,
                    "\(name): documented \(role), declared \(String(describing: OpCatalog.spec(name)?.minimumRole))")
            }
        }
        #expect(
            seen == Set(OpCatalog.all.map(\.name)),
            "role table lists \(seen.symmetricDifference(OpCatalog.all.map(\.name)).sorted()) wrongly")
    }

    @Test func namesAreUniqueAndAuthorizeFailsClosed() {
        #expect(Set(OpCatalog.all.map(\.name)).count == OpCatalog.all.count)
        for role in Role.allCases {
            guard case .failure(let e) = OpCatalog.authorize("no-such-op", role: role) else {
                Issue.record("unknown op allowed for \(role)")
                continue
            }
            #expect(e.code == "unknown-op")
        }
        for spec in OpCatalog.all {
            guard case .failure(let e) = OpCatalog.authorize(spec.name, role: .none) else {
                Issue.record("\(spec.name) allowed for role none")
                continue
            }
            #expect(e.code == "forbidden")
        }
    }
}
