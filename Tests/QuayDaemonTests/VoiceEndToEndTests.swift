import Foundation
import QuayControl
import Testing

/// A real quayd with voice on: calls through the control socket are announced (chime, Vietnamese by espeak-ng,
/// Khmer from the placeholder clip set for km tickets) on an ALSA `file` sink over `null` and in the spool,
/// one at a time per zone, a repeated recall once; `say` refuses bad input with typed errors.
@Suite(.serialized) struct VoiceEndToEndTests {
    @Test func callsAreAnnouncedInOrderWithoutOverlap() throws {
        let dir = TempDir("quay-voice")
        let fx = try VoiceFixture(dir: dir)
        let d = try DaemonProcess(config: fx.config(), dir: dir)
        try d.start()
        defer { d.stop() }
        let c = try d.client()
        try waitVoiceReady(c)
        let vi = try c.issue(language: "vi")["ticket"]?["number"]?.string
        let km = try c.issue(language: "km")["ticket"]?["number"]?.string
        #expect(vi == "A001" && km == "A002")

        // Two counters call at the same moment.
        let callNext = OpCatalog.callNext.name
        DispatchQueue.concurrentPerform(iterations: 2) { i in
            let r = try? ControlClient(path: d.socket).call(callNext, ["counter": .string(i == 0 ? "q1" : "q2")])
            #expect(r?["ok"]?.bool == true)
        }
        let played = try fx.waitPlayed(2)
        #expect(played[1].handed >= played[0].ended, "announcements overlapped: \(played)")
        #expect(played.allSatisfy { $0.zone == "A" })
        for p in played {
            let file = try #require(p.file)
            let stat = try VoiceFixture.soxStat(file)
            #expect(abs(stat.seconds - p.seconds) < 0.01)
            #expect(stat.seconds > 2.5 && stat.seconds < 20, "\(p.label): \(stat.seconds) s")
            #expect(stat.rms > 0.02, "\(p.label) is silent")
            // Chime gap, phrase gaps: speech with pauses, not one block and not silence.
            #expect(try VoiceFixture.silences(file, minimum: 0.12).count >= 2, "\(p.label)")
        }
        // The km ticket adds the Khmer part: longer than the vi-only one.
        let kmPlayed = try #require(played.first { $0.label.contains("A002") })
        let viPlayed = try #require(played.first { $0.label.contains("A001") })
        #expect(kmPlayed.seconds > viPlayed.seconds + 1)
        #expect(try VoiceFixture.silences(kmPlayed.file!, minimum: 0.55).count >= 1, "no pause between vi and km")

        // What reached ALSA: the file plugin holds the last announcement aplay played.
        let alsa = try VoiceFixture.soxStat(fx.alsaOut)
        // (ALSA pads the last period with silence.)
        #expect(alsa.seconds >= played[1].seconds && alsa.seconds < played[1].seconds + 0.2)
        #expect(alsa.rms > 0.02)

        // Recall twice in a row: the second is a recall of the number being spoken and is not queued again.
        let q1 = played.first { $0.label.hasSuffix("q1") }!.label.split(separator: " ")[1]
        let recall = OpCatalog.recall.name
        #expect(try c.call(recall, ["counter": .string("q1")])["ok"]?.bool == true)
        #expect(try c.call(recall, ["counter": .string("q1")])["ok"]?.bool == true)
        // The voice service takes committed events after the reply: wait for its word on the second recall.
        let deadline = Date().addingTimeInterval(15)
        while !d.log.contains("recall not queued twice") && Date() < deadline { usleep(50_000) }
        #expect(d.log.contains("recall not queued twice"))
        let after = try fx.waitPlayed(3)
        #expect(after[2].label == "recall \(q1) q1")
    }

    @Test func sayResultsReadyAndPlaceholders() throws {
        let dir = TempDir("quay-voice-say")
        let fx = try VoiceFixture(dir: dir)
        let d = try DaemonProcess(config: fx.config(), dir: dir)
        try d.start()
        defer { d.stop() }
        let c = try d.client()
        try waitVoiceReady(c)
        let say = OpCatalog.say.name
        func code(_ fields: [String: JSONValue]) throws -> String? { try c.call(say, fields)["error"]?["code"]?.string }
        #expect(try code([:]) == "missing-field")
        #expect(try code(["args": .object(["text": .string("  ")])]) == "invalid-field")
        #expect(try code(["args": .object(["text": .string(String(repeating: "a", count: 201))])]) == "invalid-field")
        #expect(try code(["args": .object(["text": .string("xin chào\u{7}")])]) == "invalid-field")
        #expect(try code(["args": .object(["text": .string("xin chào"), "zone": .string("Z")])]) == "unknown-zone")
        #expect(try code(["language": .string("fr"), "args": .object(["text": .string("bonjour")])]) == "invalid-field")
        #expect(try code(["args": .object(["text": .number(42)])]) == "bad-request")
        #expect(try code(["language": .string("km"), "args": .object(["text": .string("សួស្តី")])]) == "missing-clip")
        let ok = try c.call(say, ["language": .string("km"), "args": .object(["text": .string("មួយ ពីរ បី"), "zone": .string("A")])])
        #expect(ok["ok"]?.bool == true && ok["zones"]?.array?.count == 1)
        let played = try fx.waitPlayed(1)
        #expect(try VoiceFixture.soxStat(played[0].file!).rms > 0.02)

        // A dossier turning result-ready is announced by its receipt's last four characters, never the name.
        _ = try DossierFlowTests.create(c, "BN-2026-0427", name: "Trần Thị Bích")
        #expect(try DossierFlowTests.update(c, "BN-2026-0427", "result-ready")["ok"]?.bool == true)
        let ready = try fx.waitPlayed(2)
        #expect(ready[1].label == "results-ready 0427")
        #expect(try VoiceFixture.soxStat(ready[1].file!).seconds > 3)

        // device-test on the voice role queues the test phrase in every zone.
        let test = try c.call(OpCatalog.deviceTest.name, ["role": .string("voice")])
        #expect(test["zones"]?.array?.count == 1 && (test["seconds"]?.number ?? 0) > 1)
        #expect(try c.call(OpCatalog.deviceTest.name, ["role": .string("voice-Q")])["error"]?["code"]?.string == "unknown-device")

        let i18n = try c.call(OpCatalog.i18nStatus.name)
        let rows = i18n["problems"]?.array ?? []
        #expect(
            rows.contains { $0["key"]?.string == "voice.clips" && $0["language"]?.string == "km" && $0["problem"]?.string == "placeholder" }
        )
    }

    @Test func missingSoundCardIsAHealthFaultNotACrash() throws {
        let dir = TempDir("quay-voice-nocard")
        let fx = try VoiceFixture(dir: dir)
        let zones = "[[voice.zone]]\nname = \"B\"\ndevice = \"hw:9,0\""
        let d = try DaemonProcess(config: fx.config(zones: zones, clipsKm: dir.file("nowhere") + "/manifest.toml"), dir: dir)
        try d.start()
        defer { d.stop() }
        let c = try d.client()
        var health: [String: JSONValue] = [:]
        for _ in 0..<100 {
            let devices = try c.call(OpCatalog.devices.name)["devices"]?.array ?? []
            health = Dictionary(devices.compactMap { d in d["role"]?.string.map { ($0, d) } }, uniquingKeysWith: { a, _ in a })
            if health["voice"] != nil && health["voice-B"] != nil { break }
            usleep(100_000)
        }
        #expect(health["voice-B"]?["state"]?.string == "error")
        #expect(health["voice-B"]?["condition"]?.string == "no-sound-device")
        #expect(health["voice"]?["state"]?.string == "fault")
        #expect(health["voice"]?["lastError"]?.string?.contains("nowhere/manifest.toml") == true)
        // The queue still works.
        _ = try c.issue()
        #expect(try c.call(OpCatalog.callNext.name, ["counter": .string("q1")])["ok"]?.bool == true)
        #expect(try c.call(OpCatalog.ping.name)["ok"]?.bool == true)
    }

    private func waitVoiceReady(_ c: ControlClient) throws {
        for _ in 0..<200 {
            let devices = try c.call(OpCatalog.devices.name)["devices"]?.array ?? []
            if let v = devices.first(where: { $0["role"]?.string == "voice" }) {
                guard v["state"]?.string == "ready" else { throw TestFailure("voice not ready: \(v)") }
                return
            }
            usleep(100_000)
        }
        throw TestFailure("voice health never registered")
    }
}
