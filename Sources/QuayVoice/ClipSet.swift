import Foundation
import QuayCore
import QuaySystem
import TOMLKit

/// A recorded clip set: a TOML manifest mapping each word or phrase (exactly as the catalogue and the number
/// reading spell it) to a WAV file, relative to the manifest (docs/voice.md):
///
/// ```toml
/// language = "km"
/// placeholder = true   # generated stand-ins, not a person's voice (quayctl i18n status says so)
/// [clips]
/// "សូមអញ្ជើញលេខ" = "phrases/call-1.wav"
/// "មួយ" = "words/muoy.wav"
/// "A" = "letters/A.wav"
/// ```
///
/// Every clip is read and decoded when the set loads, so a missing or unreadable clip is an error naming it at
/// start, never a gap in the middle of a call.
public struct ClipSet: SpeechEngine {
    public let path: String
    public let language: Language
    public let placeholder: Bool
    public let clips: [String: PCMAudio]

    public var name: String { "clips \(path)" }

    public func render(_ text: String, _ lang: Language) throws(VoiceError) -> PCMAudio {
        guard lang == language, let pcm = clips[text] else { throw .missingClip(language: lang, text: text) }
        return pcm
    }

    /// The units of `required` the set does not record.
    public func missing(_ required: [SpokenUnit]) -> [String] { required.map(\.text).filter { clips[$0] == nil } }

    /// Loads and decodes every clip. Throws the first manifest problem, or every bad clip at once.
    public static func load(manifest path: String) throws(ClipSetError) -> ClipSet {
        let text: String
        do { text = String(decoding: try SmallFile.read(path, limit: 1 << 20), as: UTF8.self) } catch {
            throw ClipSetError([.manifest(path: path, why: "\(error)")])
        }
        if let line = TOMLHeaderCheck.firstBadHeaderLine(text) {  // toml++ would abort the process
            throw ClipSetError([.manifest(path: path, why: "TOML syntax: line \(line): \(TOMLHeaderCheck.message)")])
        }
        let root: TOMLTable
        do { root = try TOMLTable(string: text) } catch {
            throw ClipSetError([.manifest(path: path, why: "TOML syntax: \(error)")])
        }
        for key in root.keys where !["language", "placeholder", "clips"].contains(key) {
            throw ClipSetError([.manifest(path: path, why: "unknown key '\(key)'")])
        }
        guard let langName = root["language"]?.string, let language = Language(rawValue: langName) else {
            throw ClipSetError([.manifest(path: path, why: "language must be \"vi\", \"km\" or \"en\"")])
        }
        guard let table = root["clips"]?.table else { throw ClipSetError([.manifest(path: path, why: "[clips] table missing")]) }
        let base = (path as NSString).deletingLastPathComponent
        var clips: [String: PCMAudio] = [:]
        var problems: [VoiceError] = []
        for key in table.keys.sorted() {
            guard let rel = table[key]?.string, !rel.isEmpty else {
                problems.append(.manifest(path: path, why: "clip '\(key)' must be a file name"))
                continue
            }
            let file = rel.hasPrefix("/") ? rel : base + "/" + rel
            do {
                let audio = try WAVCodec.decode(try SmallFile.read(file, limit: 8 << 20))
                guard audio.seconds > 0.02 else { throw WAVCodec.Failure.truncated }
                clips[key] = audio.resampled(to: PCMAudio.standardRate).trimmed()
            } catch {
                problems.append(.badClip(path: file, why: "'\(key)': \(error)"))
            }
        }
        guard problems.isEmpty else { throw ClipSetError(problems) }
        return ClipSet(path: path, language: language, placeholder: root["placeholder"]?.bool ?? false, clips: clips)
    }
}

/// Everything wrong with a clip set, each problem naming its clip or file.
public struct ClipSetError: Error, Sendable, CustomStringConvertible {
    public var problems: [VoiceError]
    public init(_ problems: [VoiceError]) { self.problems = problems }
    public var description: String {
        let shown = problems.prefix(5).map(\.description).joined(separator: "; ")
        return problems.count > 5 ? "\(shown); and \(problems.count - 5) more" : shown
    }
}
