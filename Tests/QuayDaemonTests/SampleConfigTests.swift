import Foundation
import Testing

/// docs/quayd.sample.toml is installed as /etc/quayd/quayd.toml: it must always pass `quayd check-config`.
@Suite struct SampleConfigTests {
    /// The package root: this file is <root>/Tests/QuayDaemonTests/SampleConfigTests.swift.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test func sampleConfigPassesCheckConfig() throws {
        let sample = Self.packageRoot.appendingPathComponent("docs/quayd.sample.toml").path
        #expect(FileManager.default.fileExists(atPath: sample), "missing \(sample)")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binaries.quayd)
        p.arguments = ["check-config", sample]
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0, "quayd check-config \(sample) failed:\n\(out)")
        #expect(out.contains("OK"), "\(out)")
    }
}
