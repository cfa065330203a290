import Foundation
import Testing

@testable import QuayDaemon

/// Inputs the config-loader fuzzer (scripts/fuzz.sh config-loader) found. Before the fix, toml++ asserted on each
/// and aborted the process (this test process too); now each is an ordinary syntax problem with its line.
@Suite struct ConfigFuzzRegressionTests {
    @Test(arguments: [
        "[#", "[ #", "[[#", "[=", "[.a]", "[,", "[!]", "[\u{1}",
        // Found by the CI run of 2026-12-06: a header after a byte order mark, and values starting with '}'.
        "\u{FEFF}[+enter]", "site =[}}}}", "site = }", "a = [1, }",
    ])
    func malformedTableHeaderIsASyntaxError(_ text: String) throws {
        let error = try #require(throws: ConfigError.self) { try ConfigLoader.parse(text) }
        #expect(error.problems.count == 1)
        #expect(error.problems.first?.line == 1)
        #expect(error.problems.first?.message.hasPrefix("TOML syntax:") == true)
        // The province's config goes through the same TOML reader.
        let province = try #require(throws: ConfigError.self) { try ProvinceConfigLoader.parse(text) }
        #expect(province.problems.first?.line == 1)
    }

    /// The whole fuzzer artifact (the sample configuration with one line mutated into `[#…`) through `check-config`.
    @Test func checkConfigReportsItInsteadOfAborting() throws {
        let dir = TempDir("quay-config-fuzz")
        let sample = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("docs/quayd.sample.toml")
        let text = try String(contentsOf: sample, encoding: .utf8).replacingOccurrences(of: "[web]", with: "[#web]")
        try text.write(toFile: dir.file("bad.toml"), atomically: true, encoding: .utf8)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binaries.quayd)
        p.arguments = ["check-config", dir.file("bad.toml")]
        let err = Pipe()
        p.standardError = err
        p.standardOutput = err
        try p.run()
        let out = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationReason == .exit && p.terminationStatus == 1, "\(p.terminationReason) \(p.terminationStatus): \(out)")
        #expect(out.contains("table header must start with a key"), "\(out)")
    }
}
