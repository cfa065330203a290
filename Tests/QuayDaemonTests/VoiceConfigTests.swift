import QuayCore
import Testing

@testable import QuayDaemon

/// `[voice]` in quayd.toml: read, validated with line numbers, unknown keys refused.
@Suite struct VoiceConfigTests {
    @Test func readsVoiceTable() throws {
        let cfg = try ConfigLoader.parse(
            TestConfig.with(
                """
                [voice]
                enabled = true
                number_style = "number"
                zero_tens = "linh"
                thousand = "ngàn"
                four_after_tens = "bốn"
                khmer = "always"
                english = true
                clips_km = "/etc/quayd/voice/km/manifest.toml"
                volume = 0.5
                gap_ms = 400
                queue_limit = 4

                [[voice.zone]]
                name = "A"
                device = "plughw:1,0"
                counters = ["q1"]

                [[voice.zone]]
                name = "B"
                device = "default"
                """))
        let v = cfg.voice
        #expect(v.enabled && v.engine == .espeak && v.composer.style == .number)
        #expect(v.composer.vietnamese == VietnameseNumberReading(zeroTens: .linh, thousand: .ngan, fourAfterTens: .bon))
        #expect(v.composer.khmer == .always && v.composer.english)
        #expect(v.volume == 0.5 && v.gapMs == 400 && v.queueLimit == 4)
        #expect(v.zone(for: "q1")?.name == "A" && v.zone(for: "q2")?.name == "B")
        #expect(v.composer.vietnamese.words(1024) == ["một", "ngàn", "không", "trăm", "hai", "mươi", "bốn"])
    }

    @Test func defaultZoneWhenNoneIsConfigured() throws {
        let cfg = try ConfigLoader.parse(TestConfig.with("[voice]\nenabled = true\nkhmer = \"never\""))
        #expect(cfg.voice.zones == [VoiceConfig.Zone(name: "hall", device: "default", counters: [])])
        #expect(cfg.voice.zone(for: "q2")?.name == "hall")
    }

    @Test func problemsNameKeyAndLine() throws {
        do {
            _ = try ConfigLoader.parse(
                TestConfig.with(
                    """
                    [voice]
                    enabled = true
                    engine = "festival"
                    number_style = "words"
                    volume = 2
                    colour = "blue"
                    command = ["tts"]

                    [[voice.zone]]
                    name = "A"
                    device = "default"
                    counters = ["q1", "q9"]

                    [[voice.zone]]
                    name = "hall b"
                    device = "default"

                    [[voice.zone]]
                    name = "C"
                    device = "default"
                    counters = ["q1"]
                    """))
            Issue.record("expected a config error")
        } catch {
            let text = error.problems.map(\.description).joined(separator: "\n")
            #expect(text.contains("voice.engine: must be one of \"espeak\", \"clips\", \"command\""))
            #expect(text.contains("voice.number_style: must be one of"))
            #expect(text.contains("voice.volume: must be between 0.0 and 1.0"))
            #expect(text.contains("voice.colour: unknown key"))
            #expect(text.contains("voice.command: must name a program by absolute path"))
            #expect(text.contains("unknown counter 'q9'"))
            #expect(text.contains("must be 1-16 ASCII letters"))
            #expect(text.contains("counter 'q1' is already in zone 'A'"))
            #expect(text.contains("voice.clips_km: Khmer is spoken from a recorded clip set"))
            #expect(error.problems.first { $0.path == "voice.colour" }?.line != nil)
        }
    }
}
