import Foundation

/// Runs the configured notifier command once: payload on stdin, success = exit status 0 within the timeout.
/// The failure text (exit status and the end of stderr) is what technicians see in `dossier-outbox`.
enum NotifierRunner {
    static func run(_ argv: [String], input: Data, timeout: Double) async -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: argv[0])
        p.arguments = Array(argv.dropFirst())
        let stdin = Pipe(), stderr = Pipe()
        p.standardInput = stdin
        p.standardError = stderr
        p.standardOutput = FileHandle.nullDevice
        let errTail = ErrTail()
        stderr.fileHandleForReading.readabilityHandler = { h in errTail.append(h.availableData) }
        return await withCheckedContinuation { (cont: CheckedContinuation<String?, Never>) in
            let once = Once()
            p.terminationHandler = { proc in
                stderr.fileHandleForReading.readabilityHandler = nil
                let rest = (try? stderr.fileHandleForReading.readToEnd()) ?? nil
                if let rest { errTail.append(rest) }
                let reason = proc.terminationReason == .uncaughtSignal ? "killed by signal \(proc.terminationStatus)" : "exit status \(proc.terminationStatus)"
                let tail = errTail.text
                once.run { cont.resume(returning: proc.terminationStatus == 0 && proc.terminationReason == .exit ? nil : reason + (tail.isEmpty ? "" : ": " + tail)) }
            }
            do { try p.run() } catch {
                once.run { cont.resume(returning: "cannot start \(argv[0]): \(error.localizedDescription)") }
                return
            }
            let writer = stdin.fileHandleForWriting
            DispatchQueue.global().async {
                try? writer.write(contentsOf: input)
                try? writer.close()
            }
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) {
                if p.isRunning {
                    errTail.append(Data("timed out after \(Int(timeout))s".utf8))
                    kill(p.processIdentifier, SIGKILL)
                }
            }
        }
    }
}

private final class Once: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    func run(_ f: () -> Void) {
        lock.lock(); defer { lock.unlock() }
        guard !done else { return }
        done = true
        f()
    }
}

/// Last 400 bytes of the notifier's stderr.
private final class ErrTail: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    func append(_ d: Data) {
        lock.lock(); defer { lock.unlock() }
        data.append(d)
        if data.count > 400 { data = data.suffix(400) }
    }
    var text: String {
        lock.lock(); defer { lock.unlock() }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}
