import Foundation
import Testing

/// Runs scripts/web/hall_browser_check.py (Selenium + headless Chromium) and talks to it line by line.
/// Missing tools fail loudly; QUAY_SKIP_DEVICE_SIMS=1 skips the browser tests.
final class BrowserProcess: @unchecked Sendable {
    static var enabled: Bool { ProcessInfo.processInfo.environment["QUAY_SKIP_DEVICE_SIMS"] != "1" }

    static let repoRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    struct Failure: Error, CustomStringConvertible { let description: String }

    private let process = Process()
    private let stdinPipe = Pipe()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    private var buffer: [UInt8] = []

    init(url: String, screenshot: String) throws {
        for (tool, pkg) in [
            ("/usr/bin/python3", "python3"), ("/usr/bin/chromedriver", "chromium-driver"),
            ("/usr/bin/chromium", "chromium"),
        ] where !FileManager.default.isExecutableFile(atPath: tool) {
            throw Failure(description: "\(tool) missing: apt-get install \(pkg) python3-selenium (or QUAY_SKIP_DEVICE_SIMS=1)")
        }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [
            Self.repoRoot.appendingPathComponent("scripts/web/hall_browser_check.py").path,
            "--url", url, "--screenshot", screenshot,
        ]
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        try process.run()
    }

    /// Next protocol line (skipping anything else the script prints), or a failure on timeout/exit/FAIL.
    /// Waits on its own thread so the cooperative pool (and the in-process server) keeps running.
    func expect(_ prefix: String, timeout: TimeInterval) async throws -> String {
        try await withCheckedThrowingContinuation { (c: CheckedContinuation<String, any Error>) in
            Thread { c.resume(with: Result { try self.expectBlocking(prefix, timeout: timeout) }) }.start()
        }
    }

    private func expectBlocking(_ prefix: String, timeout: TimeInterval) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        let fd = stdoutPipe.fileHandleForReading.fileDescriptor
        while true {
            if let nl = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<nl], as: UTF8.self)
                buffer.removeSubrange(...nl)
                if line.hasPrefix("FAIL") { throw Failure(description: "browser: \(line)\n\(stderrTail())") }
                if line.hasPrefix(prefix) { return String(line.dropFirst(prefix.count)).trimmingCharacters(in: .whitespaces) }
                continue
            }
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 { throw Failure(description: "browser: no \(prefix) within \(timeout) s\n\(stderrTail())") }
            var p = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&p, 1, Int32(min(remaining, 1) * 1000)) > 0 {
                var chunk = [UInt8](repeating: 0, count: 4096)
                let n = read(fd, &chunk, chunk.count)
                if n <= 0 { throw Failure(description: "browser script exited\n\(stderrTail())") }
                buffer += chunk[0..<n]
            }
        }
    }

    func send(_ line: String) {
        stdinPipe.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    private func stderrTail() -> String {
        if process.isRunning { return "" }
        let data = stderrPipe.fileHandleForReading.readDataToEndOfFile()
        return String(String(decoding: data, as: UTF8.self).suffix(2000))
    }

    /// Lets the script finish (it quits Chromium) and waits for it on its own thread.
    func finish() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            Thread {
                self.stop()
                c.resume()
            }.start()
        }
    }

    func stop() {
        try? stdinPipe.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }

    var exitStatus: Int32 { process.terminationStatus }
}
