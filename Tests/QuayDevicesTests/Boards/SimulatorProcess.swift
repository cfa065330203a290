import Foundation
import QuaySystem
import Testing

/// Gate and paths for tests that drive an external device simulator (Python, socat, libmodbus, Chromium).
/// A missing tool fails the test loudly; set QUAY_SKIP_DEVICE_SIMS=1 to skip these tests instead.
enum DeviceSims {
    static var enabled: Bool { ProcessInfo.processInfo.environment["QUAY_SKIP_DEVICE_SIMS"] != "1" }

    static let python = "/usr/bin/python3"

    /// The package root (the directory holding Package.swift), found from this file's path.
    static let repoRoot: URL = {
        var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        while url.path != "/" {
            if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
            url = url.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    }()

    static func script(_ relative: String) -> String { repoRoot.appendingPathComponent(relative).path }

    /// Throws a message naming the Debian package when `tool` is not an executable on PATH (or an absolute path).
    static func require(_ tool: String, package: String) throws {
        if tool.hasPrefix("/") {
            if FileManager.default.isExecutableFile(atPath: tool) { return }
        } else {
            for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
                if FileManager.default.isExecutableFile(atPath: "\(dir)/\(tool)") { return }
            }
        }
        throw SimError("\(tool) is missing: apt-get install \(package) (or set QUAY_SKIP_DEVICE_SIMS=1 to skip)")
    }

    /// A fresh private directory for one test's pty links and logs.
    static func makeTempDir(_ tag: String) throws -> String {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("quay-\(tag)-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Runs blocking simulator I/O (waiting for READY, acks, exit) on its own thread, so tests never hold a thread of
/// Swift's small cooperative pool while a simulator starts.
func offPool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { (c: CheckedContinuation<T, any Error>) in
        Thread { c.resume(with: Result { try body() }) }.start()
    }
}

struct SimError: Error, CustomStringConvertible {
    let description: String
    init(_ d: String) { description = d }
}

/// A simulator script run with /usr/bin/python3: waits for its "READY" line, sends commands on stdin (each
/// acknowledged by "OK ..."), and stops it by closing stdin (the scripts exit at EOF).
final class SimulatorProcess: @unchecked Sendable {
    private let process = Process()
    private let stdinPipe = Pipe()
    private let stdoutPipe = Pipe()
    private let stderrPipe = Pipe()
    private var lines: LineReader
    private let lock = NSLock()
    private var stopped = false
    let name: String

    init(script: String, arguments: [String], readyTimeoutMs: Int32 = 15000) throws {
        try DeviceSims.require(DeviceSims.python, package: "python3")
        try DeviceSims.require("socat", package: "socat")
        name = (script as NSString).lastPathComponent
        process.executableURL = URL(fileURLWithPath: DeviceSims.python)
        process.arguments = [DeviceSims.script(script)] + arguments
        process.standardInput = stdinPipe
        process.standardOutput = stdoutPipe
        process.standardError = stderrPipe
        lines = LineReader(fd: FileDescriptor(rawValue: stdoutPipe.fileHandleForReading.fileDescriptor))
        try process.run()
        do {
            let line = try nextLine(timeoutMs: readyTimeoutMs)
            guard line.hasPrefix("READY") else { throw SimError("\(name): expected READY, got \(line)") }
        } catch {
            stop()
            let err = String(decoding: stderrPipe.fileHandleForReading.availableData, as: UTF8.self)
            throw SimError("\(name) did not start: \(error)\n\(err)")
        }
    }

    private func nextLine(timeoutMs: Int32) throws -> String {
        guard let line = try lines.nextLine(timeoutMs: timeoutMs) else {
            throw SimError("\(name) exited")
        }
        return line
    }

    /// Sends one command and waits for its acknowledgement.
    func command(_ text: String) throws {
        lock.lock()
        defer { lock.unlock() }
        stdinPipe.fileHandleForWriting.write(Data((text + "\n").utf8))
        let reply = try nextLine(timeoutMs: 5000)
        guard reply.hasPrefix("OK") else { throw SimError("\(name): \(text) -> \(reply)") }
    }

    /// Closes stdin (the script exits at EOF) and reaps it on a background thread, so a test's `defer` never
    /// blocks a cooperative-pool thread while Python shuts down. `then` runs after the process is gone.
    func stop(then: (@Sendable () -> Void)? = nil) {
        lock.lock()
        let first = !stopped
        stopped = true
        lock.unlock()
        guard first else { return }
        try? stdinPipe.fileHandleForWriting.close()
        let process = self.process
        Thread {
            let deadline = Date().addingTimeInterval(5)
            while process.isRunning && Date() < deadline { usleep(20_000) }
            if process.isRunning { process.terminate() }
            process.waitUntilExit()
            then?()
        }.start()
    }

    deinit { stop() }
}
