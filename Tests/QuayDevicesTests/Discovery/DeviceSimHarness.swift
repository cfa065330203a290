import Foundation
import Testing

/// Runs scripts/sim/devwatch-testbed.py (umockdev testbed + the built quay-devwatch) and decodes its RESULT line.
enum DeviceSimHarness {
    struct Result: Decodable {
        var scenario: String
        var ok: Bool
        var failures: [String]
        var rc: Int
        var fds: [String: Int]
        var attach: [String: Int]
        var detach: [String: Int]
        var unassigned: [String]
        var uevents: Int
    }

    /// QUAY_SKIP_DEVICE_SIMS=1 skips; anything else runs and fails loudly when umockdev is missing.
    static let enabled = ProcessInfo.processInfo.environment["QUAY_SKIP_DEVICE_SIMS"] != "1"

    static var repoRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
    }

    /// $QUAY_DEVWATCH, else quay-devwatch in $QUAY_BIN_DIR (set by `make test`), else next to the test bundle.
    static func devwatch() -> String? {
        let env = ProcessInfo.processInfo.environment
        if let p = env["QUAY_DEVWATCH"] { return p }
        if let dir = env["QUAY_BIN_DIR"], FileManager.default.isExecutableFile(atPath: dir + "/quay-devwatch") {
            return dir + "/quay-devwatch"
        }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        var dir = exe.deletingLastPathComponent()
        for _ in 0..<4 {  // .build/debug/QuayPackageTests.xctest or a bundle directory inside it
            let candidate = dir.appendingPathComponent("quay-devwatch").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return nil
    }

    /// What is missing to run the simulations, if anything.
    static func missingTools() -> [String] {
        var missing: [String] = []
        for tool in ["/usr/bin/python3", "/usr/bin/umockdev-wrapper"] where !FileManager.default.isExecutableFile(atPath: tool) {
            missing.append(tool)
        }
        if !FileManager.default.fileExists(atPath: "/usr/lib/x86_64-linux-gnu/girepository-1.0/UMockdev-1.0.typelib")
            && !FileManager.default.fileExists(atPath: "/usr/lib/aarch64-linux-gnu/girepository-1.0/UMockdev-1.0.typelib")
        {
            missing.append("gir1.2-umockdev-1.0")
        }
        if devwatch() == nil { missing.append("quay-devwatch (build it: swift build --product quay-devwatch)") }
        return missing
    }

    /// Runs a scenario without blocking a cooperative thread: output goes to a file, termination resumes us.
    static func run(_ scenario: String, extra: [String] = []) async throws -> Result {
        let missing = missingTools()
        try #require(
            missing.isEmpty,
            """
            device simulations need: \(missing.joined(separator: ", ")) — install scripts/debian-packages.txt or set \
            QUAY_SKIP_DEVICE_SIMS=1
            """
        )
        let (status, text) = try await runProcess(
            "/usr/bin/python3",
            [repoRoot.appendingPathComponent("scripts/sim/devwatch-testbed.py").path, scenario, devwatch()!] + extra)
        guard let line = text.split(separator: "\n").last(where: { $0.hasPrefix("RESULT ") }) else {
            Issue.record("no RESULT line from devwatch-testbed.py \(scenario) (status \(status)):\n\(text.suffix(3000))")
            throw HarnessError.noResult
        }
        let r = try JSONDecoder().decode(Result.self, from: Data(line.dropFirst("RESULT ".count).utf8))
        if !r.ok { Issue.record("testbed failures: \(r.failures)\n\(text.suffix(3000))") }
        #expect(status == (r.ok ? 0 : 1))
        return r
    }

    /// Runs a program to completion without blocking a cooperative thread: stdout and stderr go to a temporary
    /// file, the termination handler resumes the caller. Returns the exit status and the output.
    static func runProcess(_ executable: String, _ arguments: [String]) async throws -> (Int32, String) {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("quay-devsim-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: out.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: out) }
        let handle = try FileHandle(forWritingTo: out)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        p.standardOutput = handle
        p.standardError = handle
        let started: Bool = await withCheckedContinuation { c in
            p.terminationHandler = { _ in c.resume(returning: true) }
            do { try p.run() } catch {
                p.terminationHandler = nil
                c.resume(returning: false)
            }
        }
        try handle.close()
        let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
        guard started else { throw HarnessError.cannotRun(executable) }
        return (p.terminationStatus, text)
    }

    enum HarnessError: Error { case noResult, cannotRun(String) }
}
