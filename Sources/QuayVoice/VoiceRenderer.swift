import QuayCore
import QuaySystem

/// Owns the speech engines and the render cache. Every unit a call can need is rendered once at start
/// (`prepare`), so an announcement is a concatenation of cached audio; only a technician's free text is
/// rendered on demand. Runs on its own thread: engines block on child processes and files.
public actor VoiceRenderer {
    private let executor = DedicatedThreadExecutor(name: "voice renderer")
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    public struct Gaps: Sendable, Equatable {
        public var afterChimeMs = 250
        public var betweenWordsMs = 60
        public var aroundPhrasesMs = 160
        public var betweenLanguagesMs = 600
        public init() {}
    }

    private var engines: [Language: any SpeechEngine]
    private var cache: [Language: [SpokenUnit: PCMAudio]] = [:]
    private let gaps: Gaps
    private let chime = Chime.make()

    public init(engines: [Language: any SpeechEngine], gaps: Gaps = Gaps()) {
        self.engines = engines
        self.gaps = gaps
    }

    /// Loads a clip set on this thread (it reads and decodes every file) and speaks its language with it.
    public func loadClips(manifest: String) throws(ClipSetError) -> ClipSet {
        let set = try ClipSet.load(manifest: manifest)
        engines[set.language] = set
        cache[set.language] = nil
        return set
    }

    /// Renders and caches `units`; returns what failed (the call still speaks everything else).
    public func prepare(_ units: [SpokenUnit], _ lang: Language) -> [VoiceError] {
        guard let engine = engines[lang] else { return [.noEngine(lang)] }
        var failures: [VoiceError] = []
        for u in units where cache[lang]?[u] == nil {
            do { cache[lang, default: [:]][u] = try engine.render(u.text, lang).trimmed() } catch { failures.append(error) }
        }
        return failures
    }

    /// The whole announcement as one PCM stream: chime, then each language's units with their gaps. A unit not
    /// in the cache is rendered now (free text); for a clip set, free text must be a clip or clips word by word.
    /// Strict: the first unit that cannot be spoken fails it (a technician's `say` is refused).
    public func assemble(_ a: Announcement) throws(VoiceError) -> PCMAudio {
        let (pcm, missing) = build(a)
        if let first = missing.first { throw first }
        return pcm
    }

    /// As `assemble`, but a unit that cannot be spoken (a clip a center has not recorded yet, an engine that
    /// failed) is left out and reported: a call is still announced with everything else.
    public func assembleSkipping(_ a: Announcement) -> (PCMAudio, missing: [VoiceError]) { build(a) }

    private func build(_ a: Announcement) -> (PCMAudio, [VoiceError]) {
        if let ready = a.audio { return (ready, []) }
        var missing: [VoiceError] = []
        var out = PCMAudio()
        if a.chime {
            out.append(chime)
            out.append(.silence(milliseconds: gaps.afterChimeMs))
        }
        for (i, part) in a.parts.enumerated() {
            if i > 0 { out.append(.silence(milliseconds: gaps.betweenLanguagesMs)) }
            var previous: SpokenUnit.Kind?
            for u in part.units {
                if let previous {
                    let phraseEdge = previous == .phrase || u.kind == .phrase
                    out.append(.silence(milliseconds: phraseEdge ? gaps.aroundPhrasesMs : gaps.betweenWordsMs))
                }
                do throws(VoiceError) { out.append(try audio(u, part.language).faded()) } catch {
                    missing.append(error)
                    continue
                }
                previous = u.kind
            }
        }
        return (out, missing)
    }

    private func audio(_ u: SpokenUnit, _ lang: Language) throws(VoiceError) -> PCMAudio {
        if let hit = cache[lang]?[u] { return hit }
        guard let engine = engines[lang] else { throw .noEngine(lang) }
        if let clips = engine as? ClipSet, clips.clips[u.text] == nil {
            // Free text over a clip set: every word must be recorded.
            let words = u.text.split(whereSeparator: { $0 == " " || $0 == "\u{200B}" }).map(String.init)
            var out = PCMAudio()
            for (i, w) in words.enumerated() {
                if i > 0 { out.append(.silence(milliseconds: gaps.betweenWordsMs)) }
                out.append(try clips.render(w, lang))
            }
            return out
        }
        return try engine.render(u.text, lang).trimmed()
    }
}
