import Foundation

/// One of the independent device simulators in scripts/sim, run with /usr/bin/python3. Reads its stdout
/// lines on a background thread; commands go to its stdin. It exits when its stdin closes.
final class SimProcess: @unchecked Sendable {
    let process = Process()
    private let input = Pipe()
    private let output = Pipe()
    /// Lines read so far, shared with the reader thread (which holds it strongly: a weak reference to the
    /// process object raced with its deinit and crashed the test process).
    private final class Lines: @unchecked Sendable {
        let lock = NSCondition()
        var lines: [String] = []
    }
    private let buffer = Lines()
    private var lock: NSCondition { buffer.lock }
    private var lines: [String] {
        get { buffer.lines }
        set { buffer.lines = newValue }
    }

    static var repoRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    init(script: String, arguments: [String], folder: String = "scripts/sim") throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else {
            throw TestFailure("/usr/bin/python3 missing (apt-get install python3)")
        }
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [Self.repoRoot + "/" + folder + "/" + script] + arguments
        process.standardInput = input
        process.standardOutput = output
        process.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try process.run()
        let handle = output.fileHandleForReading
        let shared = self.buffer
        Thread.detachNewThread {
            var buffer = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                buffer.append(chunk)
                while let nl = buffer.firstIndex(of: 0x0A) {
                    let line = String(decoding: buffer[buffer.startIndex..<nl], as: UTF8.self)
                    buffer.removeSubrange(buffer.startIndex...nl)
                    shared.lock.lock()
                    shared.lines.append(line)
                    shared.lock.broadcast()
                    shared.lock.unlock()
                }
            }
        }
    }

    /// The first line (from the start) beginning with `prefix`, waiting up to `timeout` seconds; consumed. A line
    /// beginning with `failOn` (a browser script's "FAIL …", which names where it was stuck) ends the wait at once.
    func waitFor(_ prefix: String, timeout: Double = 45, failOn: String? = nil) throws -> String {
        let deadline = Date().addingTimeInterval(timeout)
        lock.lock()
        defer { lock.unlock() }
        while true {
            if let i = lines.firstIndex(where: { $0.hasPrefix(prefix) }) { return lines.remove(at: i) }
            if let failOn, let bad = lines.first(where: { $0.hasPrefix(failOn) }) {
                throw TestFailure("waiting for '\(prefix)': \(bad)")
            }
            if !lock.wait(until: deadline) { throw TestFailure("simulator never said '\(prefix)'; it said: \(lines.suffix(5))") }
        }
    }

    func send(_ command: String) { try? input.fileHandleForWriting.write(contentsOf: Data((command + "\n").utf8)) }

    func stop() {
        try? input.fileHandleForWriting.close()
        if process.isRunning { process.terminate() }
    }

    /// Stops the simulator and waits until it has exited (it removes its pty links on the way out, so a
    /// simulator started at the same link before that would lose its links).
    func stopAndWait(timeout: Double = 10) {
        stop()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(20_000) }
    }

    deinit { stop() }
}
