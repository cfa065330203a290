import Foundation
import QuaySystem

/// Where one zone's announcements go: an ALSA device through `aplay -D <device>` and/or a spool directory of
/// numbered WAV files (tests, the demo). Runs on its own thread: aplay blocks for the length of the audio.
/// With `pace`, a sink that returns early (ALSA's null/file plugins, the spool) is waited out for the audio's
/// length, so the zone's timeline is the one a hall would hear.
public actor ZoneOutput {
    private let executor: DedicatedThreadExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    public struct Settings: Sendable, Equatable {
        public var zone: String
        /// ALSA PCM name for `aplay -D` ("default", "plughw:1,0"); nil = spool only.
        public var device: String?
        public var spoolDir: String?
        /// ALSA_CONFIG_PATH for aplay (a test's `file` plugin over `null`); nil = the system's.
        public var alsaConfig: String?
        public var volume: Double = 1
        public var pace = true
        public var aplayPath = "/usr/bin/aplay"
        public var scratchDir = "/tmp"

        public init(zone: String, device: String?, spoolDir: String? = nil) {
            self.zone = zone
            self.device = device
            self.spoolDir = spoolDir
        }
    }

    /// One announcement as it went out. Times are seconds since the epoch.
    public struct Played: Sendable, Equatable, Codable {
        public var zone: String
        public var label: String
        /// When the event behind it was committed (0 for a technician's `say`).
        public var eventAt: Double
        public var file: String?
        /// When the first frame was handed to the sink (aplay started, or the spool file begun).
        public var handed: Double
        public var ended: Double
        public var seconds: Double
    }

    public let settings: Settings
    private var sequence = 0

    public init(_ settings: Settings) {
        self.settings = settings
        executor = DedicatedThreadExecutor(name: "voice zone \(settings.zone)")
    }

    /// Plays `pcm` (volume applied). A spool file is written even when the device then fails.
    public func play(_ pcm: PCMAudio, label: String, eventAt: Double = 0) throws(VoiceError) -> Played {
        let audio = pcm.scaled(settings.volume)
        let wav = WAVCodec.encode(audio)
        let handed = Date().timeIntervalSince1970
        sequence += 1
        var file: String?
        if let dir = settings.spoolDir {
            let safe = label.map { $0.isLetter || $0.isNumber ? $0 : "-" }
            let path = "\(dir)/\(String(format: "%04d", sequence))-\(settings.zone)-\(String(safe)).wav"
            do { try Data(wav).write(to: URL(fileURLWithPath: path)) } catch {
                throw .playback(device: "spool \(dir)", why: "\(error.localizedDescription)")
            }
            file = path
        }
        var failure: VoiceError?
        if let device = settings.device {
            do throws(VoiceError) { try aplay(wav, device: device, seconds: audio.seconds) } catch { failure = error }
        }
        if settings.pace {
            let left = handed + audio.seconds - Date().timeIntervalSince1970
            if left > 0 { Thread.sleep(forTimeInterval: left) }
        }
        let played = Played(
            zone: settings.zone, label: label, eventAt: eventAt, file: file, handed: handed, ended: Date().timeIntervalSince1970,
            seconds: audio.seconds)
        journal(played)
        if let failure { throw failure }
        return played
    }

    /// 50 ms of silence through the device: a missing card or aplay shows at start, not at the first call.
    public func probe() -> VoiceError? {
        guard let device = settings.device else { return nil }
        do throws(VoiceError) {
            try aplay(WAVCodec.encode(.silence(milliseconds: 50)), device: device, seconds: 0.05)
            return nil
        } catch {
            return error
        }
    }

    private func aplay(_ wav: [UInt8], device: String, seconds: Double) throws(VoiceError) {
        let path = "\(settings.scratchDir)/aplay-\(getpid())-\(settings.zone).wav"
        defer { try? FileManager.default.removeItem(atPath: path) }
        do { try Data(wav).write(to: URL(fileURLWithPath: path)) } catch {
            throw .playback(device: device, why: "scratch file: \(error.localizedDescription)")
        }
        var env = ChildProcess.hookEnvironment
        if let conf = settings.alsaConfig { env.append("ALSA_CONFIG_PATH=\(conf)") }
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(
                [settings.aplayPath, "-q", "-D", device, path], environment: env, input: [], timeoutSeconds: seconds + 10)
        } catch {
            throw .playback(device: device, why: "\(error)")
        }
        guard outcome.termination == .exited(0) else {
            let err = String(decoding: outcome.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw .playback(device: device, why: "aplay \(outcome.termination): \(err.prefix(200))")
        }
    }

    /// One JSON line per announcement in the spool directory (`voice-journal.ndjson`): what the tests and the
    /// benchmark read for order, overlap and latency.
    private func journal(_ p: Played) {
        guard let dir = settings.spoolDir, var line = try? JSONEncoder().encode(p) else { return }
        line.append(0x0A)
        let path = dir + "/voice-journal.ndjson"
        guard let fd = try? FileDescriptor.open(path, [.writeOnly, .create, .append], mode: 0o644) else { return }
        defer { fd.close() }
        _ = try? fd.writeAll(Array(line), stallTimeoutMs: 1000)
    }
}
