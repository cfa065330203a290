import Foundation
import QuayDevices
import QuaySystem

/// Runs the configured notifier command once: payload on stdin, success = exit status 0 within the timeout.
/// The command runs contained (`ChildProcess`: own process group killed as a whole, clean environment, only
/// fds 0-2). The failure text is what technicians see in `dossier-outbox` and the journal, so the hook's stderr
/// is never copied verbatim: it is scrubbed of the citizen's data and of digit runs, and capped.
///
/// Blocking (poll/waitpid for up to the timeout) the way device I/O blocks: an actor pinned to its own thread
/// (`DedicatedThreadExecutor`), never a thread of the cooperative pool.
actor NotifierRunner {
    private let executor = DedicatedThreadExecutor(name: "quay-notifier")
    nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    /// Longest stderr excerpt kept in a failure text, in bytes.
    static let stderrExcerptBytes = 200

    /// nil on success, else why it failed. `secrets` are the payload's personal strings (name, phone,
    /// receipt code): no piece of them of 3 characters or more ever appears in the result.
    func run(_ argv: [String], input: Data, timeout: Double, secrets: [String] = []) -> String? {
        Self.runBlocking(argv, input: Array(input), timeout: timeout, secrets: secrets)
    }

    static func runBlocking(_ argv: [String], input: [UInt8], timeout: Double, secrets: [String]) -> String? {
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(argv, input: input, timeoutSeconds: timeout)
        } catch {
            return "cannot start \(argv.first ?? "notifier"): \(error.reason)"
        }
        let reason: String
        switch outcome.termination {
        case .exited(0): return nil
        case .exited(let code): reason = "exit status \(code)"
        case .signaled(let sig): reason = "killed by signal \(sig)"
        case .timedOut: reason = "timed out after \(Int(timeout))s"
        }
        let tail = scrub(outcome.stderr, secrets: secrets, limit: stderrExcerptBytes)
        return tail.isEmpty ? reason : reason + ": " + tail
    }

    /// The hook's stderr made safe for logs: non-printable characters dropped (line breaks become spaces), every
    /// substring of 3 or more characters of a secret (case-insensitive) and every run of 4 or more digits
    /// replaced by "…", then the end kept, at most `limit` UTF-8 bytes.
    static func scrub(_ bytes: [UInt8], secrets: [String], limit: Int) -> String {
        var chars: [Character] = []
        for ch in String(decoding: bytes, as: UTF8.self) {
            if ch == "\n" || ch == "\r\n" || ch == "\t" || ch == "\r" {
                chars.append(" ")
                continue
            }
            guard ch != "\u{FFFD}",
                !ch.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0.properties.generalCategory == .format }
                )
            else { continue }
            chars.append(ch)
        }
        var redact = [Bool](repeating: false, count: chars.count)
        // Secret pieces: compared character by character, lower-cased.
        let lowered = chars.map { $0.lowercased() }
        let secretChars = secrets.map { $0.map { $0.lowercased() } }.filter { $0.count >= 3 }
        var i = 0
        while i < lowered.count {
            var longest = 0
            for s in secretChars {
                for start in s.indices {
                    var n = 0
                    while i + n < lowered.count, start + n < s.count, lowered[i + n] == s[start + n] { n += 1 }
                    longest = max(longest, n)
                }
            }
            if longest >= 3 {
                for k in i..<(i + longest) { redact[k] = true }
                i += longest
            } else {
                i += 1
            }
        }
        // Digit runs of 4 or more (phone numbers, ID numbers).
        i = 0
        while i < chars.count {
            guard chars[i].isWholeNumber else {
                i += 1
                continue
            }
            var j = i
            while j < chars.count, chars[j].isWholeNumber { j += 1 }
            if j - i >= 4 { for k in i..<j { redact[k] = true } }
            i = j
        }
        var out = ""
        var inRedaction = false
        for (k, ch) in chars.enumerated() {
            if redact[k] {
                if !inRedaction { out.append("…") }
                inRedaction = true
            } else {
                inRedaction = false
                out.append(ch)
            }
        }
        out = out.trimmingCharacters(in: .whitespaces)
        guard out.utf8.count > limit else { return out }
        // Keep the end (the last error line is usually the useful one), on a character boundary.
        var kept = ""
        var size = "…".utf8.count
        for ch in out.reversed() {
            size += String(ch).utf8.count
            if size > limit { break }
            kept.insert(ch, at: kept.startIndex)
        }
        return "…" + kept
    }
}
