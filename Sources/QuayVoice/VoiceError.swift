import QuayCore

/// Why voice could not render or play something. Each names what failed (the clip, the file, the engine).
public enum VoiceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// An engine ran but gave no usable audio (exit status, timeout, bad WAV).
    case engineFailed(engine: String, text: String, why: String)
    /// The clip set of `language` has no clip for `text`.
    case missingClip(language: Language, text: String)
    /// A clip file could not be read or decoded.
    case badClip(path: String, why: String)
    /// The clip manifest itself is unusable.
    case manifest(path: String, why: String)
    /// No engine speaks this language.
    case noEngine(Language)
    /// The sound device could not play (no card, busy, aplay missing).
    case playback(device: String, why: String)

    public var description: String {
        switch self {
        case .engineFailed(let e, let t, let why): "\(e) could not render '\(t.prefix(60))': \(why)"
        case .missingClip(let l, let t): "the \(l.rawValue) clip set has no clip for '\(t)'"
        case .badClip(let p, let why): "clip \(p): \(why)"
        case .manifest(let p, let why): "clip manifest \(p): \(why)"
        case .noEngine(let l): "no voice engine speaks \(l.rawValue)"
        case .playback(let d, let why): "sound device '\(d)': \(why)"
        }
    }

    /// Short machine code for health and replies.
    public var code: String {
        switch self {
        case .engineFailed: "engine-failed"
        case .missingClip: "missing-clip"
        case .badClip: "bad-clip"
        case .manifest: "bad-manifest"
        case .noEngine: "no-engine"
        case .playback: "no-sound-device"
        }
    }
}
