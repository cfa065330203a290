import Foundation
import QuayControl

/// make bench, voice (docs/performance.md "Voice"): a real quayd with `[voice]` on (espeak-ng, every unit
/// pre-rendered at start), one zone on an ALSA `file` sink over `null` plus the spool journal. For each sample:
/// issue, then `call-next` over the socket; the latency is from just before the call is sent to the moment
/// the zone hands the assembled announcement's first frame to the sink (the journal's `handed`, written by
/// `ZoneOutput.play` before aplay is spawned). `pace = false` so samples need not wait out each announcement.
enum VoiceBench {
    struct Played: Decodable { var handed: Double }

    static func run(samples: Int, bin: String, work: String) throws -> String {
        let dir = work + "/voice"
        try FileManager.default.createDirectory(atPath: dir + "/spool", withIntermediateDirectories: true)
        var alsa = (try? String(contentsOfFile: "/usr/share/alsa/alsa.conf", encoding: .utf8)) ?? ""
        alsa += "\npcm.quayspool { type file; slave.pcm \"null\"; file \"\(dir)/alsa-out.wav\"; format \"wav\" }\n"
        try alsa.write(toFile: dir + "/asound.conf", atomically: true, encoding: .utf8)
        let config = """
            [center]
            site = "voice-bench"
            name_vi = "Bench"
            [[service]]
            id = "a"
            prefix = "A"
            name_vi = "A"
            range = [1, 9999]
            digits = 3
            [[counter]]
            id = "q1"
            number = "3"
            services = ["a"]
            [access]
            default_role = "admin"
            [voice]
            enabled = true
            engine = "espeak"
            khmer = "never"
            spool_dir = "\(dir)/spool"
            alsa_config = "\(dir)/asound.conf"
            pace = false
            gap_ms = 0
            [[voice.zone]]
            name = "A"
            device = "quayspool"
            """
        try config.write(toFile: dir + "/quayd.toml", atomically: true, encoding: .utf8)
        let socket = dir + "/control.sock"
        let log = dir + "/quayd.log"
        FileManager.default.createFile(atPath: log, contents: nil)
        let daemon = Process()
        daemon.executableURL = URL(fileURLWithPath: bin + "/quayd")
        daemon.arguments = ["run", "--config", dir + "/quayd.toml", "--socket", socket, "--state-dir", dir + "/state"]
        daemon.standardError = FileHandle(forWritingAtPath: log)
        let spawned = Date()
        try daemon.run()
        defer {
            daemon.terminate()
            daemon.waitUntilExit()
        }
        var client: ControlClient?
        var readyAt: Date?
        for _ in 0..<3000 where readyAt == nil {
            usleep(10_000)
            if client == nil { client = try? ControlClient(path: socket) }
            guard let c = client, let r = try? c.call(OpCatalog.devices.name) else { continue }
            if let v = r["devices"]?.array?.first(where: { $0["role"]?.string == "voice" }) {
                guard v["state"]?.string == "ready" else { return "voice not ready: \(v)" }
                readyAt = Date()
            }
        }
        guard let c = client, let readyAt else { return "voice never became ready" }
        let prepared = (try? String(contentsOfFile: log, encoding: .utf8)).flatMap(preparedMilliseconds) ?? -1
        let journal = dir + "/spool/voice-journal.ndjson"
        var latencies: [Double] = []
        for i in 0..<samples {
            _ = try c.call(OpCatalog.issue.name, ["service": .string("a")])
            let t0 = Date().timeIntervalSince1970
            _ = try c.call(OpCatalog.callNext.name, ["counter": .string("q1")])
            var handed: Double?
            for _ in 0..<10_000 where handed == nil {
                if let lines = try? String(contentsOfFile: journal, encoding: .utf8).split(separator: "\n"), lines.count > i {
                    handed = try? JSONDecoder().decode(Played.self, from: Data(lines[i].utf8)).handed
                } else {
                    usleep(500)
                }
            }
            guard let handed else { return "announcement \(i) never reached the sink" }
            latencies.append((handed - t0) * 1000)
            _ = try c.call(OpCatalog.done.name, ["counter": .string("q1")])
        }
        latencies.sort()
        func p(_ q: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * q))] }
        return String(
            format: """
                call -> first frame to sink    p50 %.1f ms  p99 %.1f ms  max %.1f ms  (%d calls, cached renders; target p99 <= 150 ms)
                pre-render at start            %d ms (quayd's "voice prepared"); spawn -> voice ready %.0f ms
                """, p(0.5), p(0.99), latencies.last ?? 0, samples, prepared, readyAt.timeIntervalSince(spawned) * 1000)
    }

    static func preparedMilliseconds(_ log: String) -> Int? {
        guard let line = log.split(separator: "\n").first(where: { $0.contains("voice prepared") }),
            let r = line.range(of: #"milliseconds[^0-9]*[0-9]+"#, options: .regularExpression)
        else { return nil }
        return Int(line[r].filter(\.isNumber))
    }
}
