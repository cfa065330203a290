import QuayCore

/// `[voice]` and `[[voice.zone]]` (docs/configuration.md, docs/voice.md): announcements of calls, recalls and
/// results-ready. Off unless `enabled = true`.
public struct VoiceConfig: Sendable, Equatable {
    public enum Engine: String, Sendable, CaseIterable {
        /// espeak-ng for Vietnamese (and English).
        case espeak
        /// A recorded Vietnamese clip set (`clips_vi`).
        case clips
        /// `command`: any offline TTS, text on stdin, WAV on stdout.
        case command
    }

    public struct Zone: Sendable, Equatable {
        public var name: String
        /// ALSA PCM for `aplay -D`; nil = spool only (needs `spool_dir`).
        public var device: String?
        /// Counter ids whose calls this zone announces; empty = every counter no other zone names.
        public var counters: [String]
    }

    public var enabled = false
    public var engine = Engine.espeak
    public var composer = AnnouncementComposer()
    /// Announce results-ready dossiers (receipt tail only).
    public var resultsReady = true
    public var clipsVi: String?
    public var clipsKm: String?
    public var clipsEn: String?
    public var command: [String]?
    public var commandTimeoutSeconds = 10.0
    public var espeakPath = "/usr/bin/espeak-ng"
    public var espeakSpeed = 150
    public var aplayPath = "/usr/bin/aplay"
    public var volume = 1.0
    public var gapMs = 800
    public var queueLimit = 10
    public var spoolDir: String?
    public var alsaConfig: String?
    /// Wait out each announcement's length even when the sink returns early (null/file ALSA sinks, spool).
    public var pace = true
    public var zones: [Zone] = []

    public init() {}

    /// The zone that announces calls at `counter`.
    public func zone(for counter: String) -> Zone? {
        zones.first { $0.counters.contains(counter) } ?? zones.first { $0.counters.isEmpty }
    }
}
