import Foundation
import QuayCore
import Testing

@Suite("TOML header check (the toml++ abort found by the config-loader fuzzer)")
struct TOMLHeaderCheckTests {
    @Test(arguments: ["[#", "[ #", "[[#", "[=", "[.a]", "[,", "[!]", "[\u{1}", "a = 1\n\n[ # comment\nb = 2"])
    func headerWithoutAKeyIsFound(_ text: String) {
        #expect(TOMLHeaderCheck.firstBadHeaderLine(text) == (text.hasPrefix("a = 1") ? 3 : 1))
    }

    @Test(arguments: [
        "[center]\nsite = \"x\"", "[[service]]\nid = \"a\"", "[ \"quoted key\" ]", "['literal']", "[a.#]", "[a]#c", "[]",
        "# [#\n", "a = \"[#\"", "a = '[#'", "a = \"\"\"\n[#\n\"\"\"", "a = '''\n[#\n'''", "a = \"\"\"x\\\"\"\"\n[#\n\"\"\"",
        "a = [\n  [ # nested array\n    1 ],\n]", "t = { a = [\n[#\n1] }", "a = \"\"\n[b]",
    ])
    func validOrHarmlessTextPasses(_ text: String) {
        #expect(TOMLHeaderCheck.firstBadHeaderLine(text) == nil, "\(text)")
    }

    @Test func theSampleConfigurationPasses() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/quayd.sample.toml")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(TOMLHeaderCheck.firstBadHeaderLine(text) == nil)
        #expect(
            TOMLHeaderCheck.firstBadHeaderLine(text + "\n[#\n") == text.split(separator: "\n", omittingEmptySubsequences: false).count + 1)
    }
}
