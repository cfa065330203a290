import Foundation
import QuayControl
import Testing

/// Every reply example in docs/protocol.md decodes into its op's body type (`OpReplies`), the types quayd encodes
/// and quayctl decodes: a renamed or retyped field shows up here as a named doc line.
@Suite struct ProtocolDocRepliesTests {
    /// One JSON line of a code block, with what the test made of it.
    struct Example {
        var line: Int
        var text: String
        /// The op of the request line (`> {…}`) with the same id in the same block, else of the request line before
        /// it, else of the section heading.
        var op: String?
        /// The section heading's op (`watch` for the stream lines).
        var section: String?
    }

    /// JSON lines (`{…}` or `< {…}`) of the fenced code blocks, with their ops.
    static func examples() -> [Example] {
        var out: [Example] = []
        var heading: String?
        var inBlock = false
        var blockOp: String?
        var byID: [RequestID: String] = [:]
        for (i, raw) in OpCatalogTests.protocolDoc.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if line.hasPrefix("```") {
                inBlock.toggle()
                blockOp = nil
                byID = [:]
                continue
            }
            if !inBlock {
                if line.hasPrefix("#") { heading = headingOp(line) }
                continue
            }
            if line.hasPrefix(">") {
                if let op = requestOp(line) {
                    blockOp = op
                    var request = line.dropFirst().trimmingCharacters(in: .whitespaces)
                    if request.hasSuffix("\\r") { request = String(request.dropLast(2)) }
                    if case .success(let h) = Wire.parseHead(Array(request.utf8)), let id = h.id { byID[id] = op }
                }
                continue
            }
            let text = line.hasPrefix("< ") ? String(line.dropFirst(2)) : line
            guard text.hasPrefix("{") else { continue }
            let id = (try? JSONDecoder().decode(ReplyHead.self, from: Data(text.utf8)))?.id
            out.append(Example(line: i + 1, text: text, op: id.flatMap { byID[$0] } ?? blockOp ?? heading, section: heading))
        }
        return out
    }

    /// "### dossier-create (clerk)" → dossier-create; "### recall, start-serving, …" → recall; "## watch" → watch;
    /// headings that name no op → nil.
    static func headingOp(_ line: String) -> String? {
        let title = line.drop { $0 == "#" }.trimmingCharacters(in: .whitespaces)
        let first = title.split(whereSeparator: { $0 == "," || $0 == " " }).first.map(String.init) ?? ""
        return OpCatalog.spec(first) != nil ? first : nil
    }

    static func requestOp(_ line: String) -> String? {
        guard let r = line.range(of: #""op":"([a-z0-9-]+)""#, options: .regularExpression) else { return nil }
        return String(line[r].dropFirst(6).dropLast())
    }

    /// nil when `text` decodes as a `B`; the error when it is an error reply. Throws when it does not decode.
    static func decode<B: Decodable>(_ type: B.Type, _ text: String) throws -> ControlError? {
        switch try Wire.decodeReply(Array(text.utf8), as: B.self) {
        case .success: nil
        case .failure(let e): e
        }
    }

    @Test func everyOpHasAReplyBodyType() {
        let missing = OpCatalog.all.map(\.name).filter { OpReplies.bodyType(for: $0) == nil }
        #expect(missing.isEmpty, "ops without a body type in OpReplies: \(missing)")
    }

    @Test func everyDocumentedReplyDecodesAsItsOpsBody() throws {
        let all = Self.examples()
        #expect(all.count > 40, "found only \(all.count) example lines in docs/protocol.md")
        var decoded: [String: Int] = [:]
        var elided: [Int] = []
        var errorLines = 0, streamLines = 0, otherLines = 0
        for ex in all {
            // "…" marks an elision in the docs: such a line is not JSON and is only counted.
            if ex.text.contains("…") {
                elided.append(ex.line)
                continue
            }
            let head = try? JSONDecoder().decode(ReplyHead.self, from: Data(ex.text.utf8))
            guard let head else {
                // No top-level "ok": in the watch section, a stream line after the first; elsewhere some other JSON
                // (the notifier's input, a config fragment).
                guard ex.section == "watch" else {
                    otherLines += 1
                    continue
                }
                do {
                    _ = try Wire.decodeLine(Array(ex.text.utf8), as: WatchLine.self)
                    streamLines += 1
                } catch {
                    Issue.record("docs/protocol.md:\(ex.line): not a reply and not a watch line: \(error)\n\(ex.text)")
                }
                continue
            }
            guard head.ok else {
                #expect(head.error != nil, "docs/protocol.md:\(ex.line): \"ok\":false without an error")
                errorLines += 1
                continue
            }
            guard let op = ex.op, let type = OpReplies.bodyType(for: op) else {
                Issue.record("docs/protocol.md:\(ex.line): no op for this reply (no request line before it, no op heading)\n\(ex.text)")
                continue
            }
            do {
                if let e = try Self.decode(type, ex.text) {
                    Issue.record("docs/protocol.md:\(ex.line): \(op) reply decoded as an error: \(e)")
                } else {
                    decoded[op, default: 0] += 1
                }
            } catch {
                Issue.record("docs/protocol.md:\(ex.line): \(op) reply does not decode as \(type): \(error)\n\(ex.text)")
            }
        }
        let undocumented = OpCatalog.all.map(\.name).filter { decoded[$0] == nil }
        print(
            """
            docs/protocol.md: \(decoded.values.reduce(0, +)) replies decoded (\(decoded.count) ops), \(streamLines) watch lines, \
            \(errorLines) error replies, \(otherLines) other JSON lines; \(elided.count) lines with "…" skipped \
            (lines \(elided.map(String.init).joined(separator: ", "))); \
            ops without a complete reply example: \(undocumented.joined(separator: ", "))
            """)
        // Ops a demo quayd (no printers, no boards, no scanners) answers: each has at least one complete example.
        let needsHardware: Set<String> = ["device-test", "device-identify", "print-test", "preview", "reprint"]
        let missing = undocumented.filter { !needsHardware.contains($0) }
        #expect(missing.isEmpty, "ops without a complete (no \"…\") reply example in docs/protocol.md: \(missing)")
    }
}
