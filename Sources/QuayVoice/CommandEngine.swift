import Foundation
import QuayCore

/// Any offline TTS a center installs (`[voice] engine = "command"`): the text on stdin, a WAV on stdout,
/// bounded by a timeout (the whole process group is killed). `{lang}` in an argument is replaced by vi/km/en.
public struct CommandEngine: SpeechEngine {
    public let argv: [String]
    public let languages: Set<Language>
    public let scratchDir: String
    public let timeoutSeconds: Double

    public init(argv: [String], languages: Set<Language>, scratchDir: String, timeoutSeconds: Double) {
        self.argv = argv
        self.languages = languages
        self.scratchDir = scratchDir
        self.timeoutSeconds = timeoutSeconds
    }

    public var name: String { "command \(argv.first ?? "")" }

    public func render(_ text: String, _ lang: Language) throws(VoiceError) -> PCMAudio {
        let out = ScratchFile.path(in: scratchDir, "command")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let args = argv.map { $0.replacingOccurrences(of: "{lang}", with: lang.rawValue) }
        return try ScratchFile.runToWAV(args, input: text, output: out, engine: name, timeoutSeconds: timeoutSeconds, readStdout: true)
    }
}
