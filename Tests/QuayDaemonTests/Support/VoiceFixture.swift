import Foundation

/// A voice setup for end-to-end tests: the placeholder Khmer clip set, an ALSA configuration whose `quayspool`
/// PCM is the `file` plugin over `null` (records what aplay plays, no sound card needed), a spool directory.
struct VoiceFixture {
    let dir: TempDir
    var spool: String { dir.file("spool") }
    var alsaOut: String { dir.file("alsa-out.wav") }
    var journal: String { spool + "/voice-journal.ndjson" }

    static let repo = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path

    init(dir: TempDir) throws {
        self.dir = dir
        try Self.run(Self.repo + "/scripts/voice/make-khmer-placeholder.sh", [dir.file("km")])
        var alsa = try String(contentsOfFile: "/usr/share/alsa/alsa.conf", encoding: .utf8)
        alsa += "\npcm.quayspool { type file; slave.pcm \"null\"; file \"\(alsaOut)\"; format \"wav\" }\n"
        try alsa.write(toFile: dir.file("asound.conf"), atomically: true, encoding: .utf8)
    }

    /// `[voice]` with espeak-ng for Vietnamese, the Khmer clips for km tickets, one zone on the ALSA file sink.
    func config(
        zones: String = "[[voice.zone]]\nname = \"A\"\ndevice = \"quayspool\"\ncounters = [\"q1\", \"q2\"]", clipsKm: String? = nil,
        extra: String = ""
    ) -> String {
        TestConfig.with(
            """
            [voice]
            enabled = true
            engine = "espeak"
            khmer = "km-tickets"
            clips_km = "\(clipsKm ?? dir.file("km") + "/manifest.toml")"
            spool_dir = "\(spool)"
            alsa_config = "\(dir.file("asound.conf"))"
            gap_ms = 300
            \(extra)

            \(zones)
            """)
    }

    struct Played: Decodable {
        var zone: String
        var label: String
        var file: String?
        var handed: Double
        var ended: Double
        var seconds: Double
    }

    func played() -> [Played] {
        guard let text = try? String(contentsOfFile: journal, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Played.self, from: Data($0.utf8)) }
    }

    func waitPlayed(_ count: Int, timeout: Double = 40) throws -> [Played] {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let p = played()
            if p.count >= count { return p }
            usleep(100_000)
        }
        throw TestFailure("expected \(count) announcements, journal has \(played().map(\.label))")
    }

    @discardableResult
    static func run(_ path: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw TestFailure("\(path) \(args) exited \(p.terminationStatus)") }
        return String(decoding: out, as: UTF8.self)
    }

    /// `sox FILE -n stat`: length in seconds and RMS amplitude (0…1).
    static func soxStat(_ file: String) throws -> (seconds: Double, rms: Double) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sox")
        p.arguments = [file, "-n", "stat"]
        let pipe = Pipe()
        p.standardError = pipe
        p.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        try p.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        func value(_ name: String) -> Double? {
            text.split(separator: "\n").first { $0.hasPrefix(name) }.flatMap {
                Double($0.split(separator: ":").last!.trimmingCharacters(in: .whitespaces))
            }
        }
        guard let s = value("Length (seconds)"), let r = value("RMS     amplitude") else { throw TestFailure("sox stat: \(text)") }
        return (s, r)
    }

    /// Silent stretches (|sample| < 1% of full scale) of at least `minimum` seconds inside the file, via
    /// `sox FILE -t raw -` (16-bit mono samples).
    static func silences(_ file: String, minimum: Double) throws -> [Double] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sox")
        p.arguments = [file, "-t", "raw", "-e", "signed", "-b", "16", "-c", "1", "-r", "22050", "-"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        var out: [Double] = []
        var run = 0
        data.withUnsafeBytes { raw in
            for s in raw.bindMemory(to: Int16.self) {
                if abs(Int(s)) < 328 {
                    run += 1
                } else {
                    if Double(run) / 22050 >= minimum { out.append(Double(run) / 22050) }
                    run = 0
                }
            }
        }
        return out
    }
}
