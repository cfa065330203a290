import Foundation
import QuayCore
import QuaySystem

/// espeak-ng (Debian's, offline): `espeak-ng -v vi -w FILE --stdin`. Vietnamese and English; Khmer has no
/// espeak-ng voice. Run through QuaySystem's `ChildProcess` (own process group, clean environment, killed
/// whole at the timeout); the WAV goes to a scratch file that is read back and removed.
public struct EspeakEngine: SpeechEngine {
    public let path: String
    public let scratchDir: String
    /// Words per minute (espeak-ng's -s; its default is 175).
    public var speed: Int
    public var timeoutSeconds: Double

    public init(path: String = "/usr/bin/espeak-ng", scratchDir: String, speed: Int = 150, timeoutSeconds: Double = 10) {
        self.path = path
        self.scratchDir = scratchDir
        self.speed = speed
        self.timeoutSeconds = timeoutSeconds
    }

    public var name: String { "espeak-ng" }

    static let voices: [Language: String] = [.vi: "vi", .en: "en"]

    public func render(_ text: String, _ lang: Language) throws(VoiceError) -> PCMAudio {
        guard let voice = Self.voices[lang] else { throw .noEngine(lang) }
        let out = ScratchFile.path(in: scratchDir, "espeak")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let argv = [path, "-v", voice, "-s", String(speed), "-w", out, "--stdin"]
        return try ScratchFile.runToWAV(argv, input: text, output: out, engine: name, timeoutSeconds: timeoutSeconds, readStdout: false)
    }
}

/// Scratch WAV files of the engines and the child run that fills one.
enum ScratchFile {
    nonisolated(unsafe) private static var counter = 0
    private static let lock = NSLock()

    static func path(in dir: String, _ stem: String) -> String {
        let n = lock.withLock {
            counter += 1
            return counter
        }
        return "\(dir)/\(stem)-\(getpid())-\(n).wav"
    }

    static func runToWAV(
        _ argv: [String], input: String, output: String, engine: String, timeoutSeconds: Double, readStdout: Bool
    ) throws(VoiceError) -> PCMAudio {
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(
                argv, input: Array(input.utf8), timeoutSeconds: timeoutSeconds, stdoutPath: readStdout ? output : nil)
        } catch {
            throw .engineFailed(engine: engine, text: input, why: "\(error)")
        }
        guard outcome.termination == .exited(0) else {
            let err = String(decoding: outcome.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw .engineFailed(engine: engine, text: input, why: "\(outcome.termination) \(err.prefix(200))")
        }
        let bytes: [UInt8]
        do { bytes = try SmallFile.read(output, limit: 32 << 20) } catch {
            throw .engineFailed(engine: engine, text: input, why: "\(error)")
        }
        do {
            return try WAVCodec.decode(bytes).resampled(to: PCMAudio.standardRate)
        } catch {
            throw .engineFailed(engine: engine, text: input, why: "\(error)")
        }
    }
}
