import Foundation
import Testing

/// Test-side handle on scripts/sim/escpos_printer.py (the independent virtual printer): starts it on a pty,
/// sends it control commands on stdin and waits for the events it prints on stdout.
final class PrinterSimulator: @unchecked Sendable {
    static let repoRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let script = repoRoot.appendingPathComponent("scripts/sim/escpos_printer.py").path

    /// Device simulations run unless QUAY_SKIP_DEVICE_SIMS=1; a missing tool is then a failure, not a skip.
    static var enabled: Bool { ProcessInfo.processInfo.environment["QUAY_SKIP_DEVICE_SIMS"] != "1" }

    /// Absolute path of `tool` on PATH (or the usual system dirs), or nil.
    static func which(_ tool: String) -> String? {
        let dirs =
            (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":").map(String.init)
            + ["/usr/bin", "/bin", "/usr/local/bin"]
        return dirs.map { "\($0)/\(tool)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    let process = Process()
    let stdin = Pipe()
    let stdout = Pipe()
    let outDir: URL
    private let lock = NSLock()
    private var text = ""
    private var consumed = 0
    private(set) var ptyPath = ""
    private var stopped = false

    init(width: Int = 576, prefix: String = "ticket") async throws {
        outDir = FileManager.default.temporaryDirectory.appendingPathComponent("quay-sim-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: outDir, withIntermediateDirectories: true)
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [Self.script, "--pty", "--out", outDir.path, "--width", "\(width)", "--prefix", prefix]
        process.standardInput = stdin
        process.standardOutput = stdout
        try process.run()
        // A plain thread doing blocking reads until EOF (the simulator exits or is killed).
        let fd = stdout.fileHandleForReading.fileDescriptor
        Thread.detachNewThread { [self] in
            var buf = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buf.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                self.append(String(decoding: buf[0..<n], as: UTF8.self))
            }
        }
        let line = try await waitFor("PTY ", timeout: 45)
        ptyPath = String(line.dropFirst(4))
    }

    deinit { stop() }

    private func append(_ s: String) {
        lock.lock()
        text += s
        lock.unlock()
    }

    func stop() {
        lock.lock()
        let first = !stopped
        stopped = true
        lock.unlock()
        guard first else { return }
        kill(process.processIdentifier, SIGTERM)  // not terminate(): Foundation's isRunning is unreliable here
        Self.reap(process)
    }

    func command(_ c: String) async throws {
        stdin.fileHandleForWriting.write(Data((c + "\n").utf8))
        _ = try await waitFor("ACK \(c)", timeout: 5)
    }

    struct Timeout: Error, CustomStringConvertible {
        let what: String, output: String
        var description: String { "timed out waiting for \(what); simulator said:\n\(output)" }
    }

    /// Waits for the next stdout line starting with `prefix` (lines already returned are not seen again).
    @discardableResult
    func waitFor(_ prefix: String, timeout: Double) async throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if let found = takeLine(prefix) { return found }
            try await Task.sleep(nanoseconds: 20_000_000)  // never block a cooperative thread
        }
        // A starved test process may wake after the deadline with the line long since read.
        if let found = takeLine(prefix) { return found }
        throw Timeout(what: prefix, output: allOutput)
    }

    /// The first complete, not yet returned stdout line starting with `prefix`.
    private func takeLine(_ prefix: String) -> String? {
        lock.lock()
        defer { lock.unlock() }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        for (i, l) in lines.enumerated() where i >= consumed && i < lines.count - 1 && l.hasPrefix(prefix) {
            consumed = i + 1
            return String(l)
        }
        return nil
    }

    var allOutput: String { withLock { text } }

    private func withLock<T>(_ f: () -> T) -> T {
        lock.lock()
        defer { lock.unlock() }
        return f()
    }

    /// Waits for the next page and returns its PNG path.
    func nextPage(timeout: Double = 20) async throws -> String {
        let line = try await waitFor("PAGE ", timeout: timeout)
        let parts = line.split(separator: " ")
        return parts.count >= 3 ? String(parts[2]) : ""
    }

    /// Waits (bounded) for a child to exit. Process.waitUntilExit spins forever in async tests on Linux.
    static func reap(_ p: Process, seconds: Double = 5) {
        let pid = p.processIdentifier
        let end = Date().addingTimeInterval(seconds)
        var status: Int32 = 0
        while Date() < end {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid || (r < 0 && errno == ECHILD) { return }  // exited (or Foundation reaped it)
            usleep(10_000)
        }
        kill(pid, SIGKILL)
        _ = waitpid(pid, &status, 0)
    }

    /// Decodes the QR code in a PNG with zbarimg (-Sbinary keeps UTF-8 intact).
    static func decodeQR(_ png: String) throws -> String {
        let zbar = try #require(which("zbarimg"), "zbarimg (zbar-tools) is required for this test")
        let p = Process()
        p.executableURL = URL(fileURLWithPath: zbar)
        p.arguments = ["-q", "-Sbinary", "--raw", png]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        reap(p)
        var s = String(decoding: data, as: UTF8.self)
        while s.hasSuffix("\n") { s.removeLast() }
        return s
    }
}
