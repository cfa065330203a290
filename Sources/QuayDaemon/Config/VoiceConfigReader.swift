import QuayCore

/// Reads `[voice]` and `[[voice.zone]]` (docs/configuration.md). Unknown keys are errors like everywhere else.
enum VoiceConfigReader {
    static func read(_ r: TableReader, counters: [Counter], sink: ProblemSink) -> VoiceConfig {
        var v = VoiceConfig()
        guard let t = r.table("voice") else { return v }
        if let b = t.bool("enabled") { v.enabled = b }
        if let e = choice(t, "engine", VoiceConfig.Engine.self) { v.engine = e }
        if let s = choice(t, "number_style", NumberReadingStyle.self) { v.composer.style = s }
        if let z = choice(t, "zero_tens", VietnameseNumberReading.ZeroTens.self) { v.composer.vietnamese.zeroTens = z }
        if let z = choice(t, "thousand", VietnameseNumberReading.Thousand.self) { v.composer.vietnamese.thousand = z }
        if let z = choice(t, "four_after_tens", VietnameseNumberReading.FourAfterTens.self) {
            v.composer.vietnamese.fourAfterTens = z
        }
        if let k = choice(t, "khmer", VoiceLanguagePolicy.self) { v.composer.khmer = k }
        if let e = t.bool("english") { v.composer.english = e }
        if let b = t.bool("results_ready") { v.resultsReady = b }
        v.clipsVi = t.string("clips_vi")
        v.clipsKm = t.string("clips_km")
        v.clipsEn = t.string("clips_en")
        if let c = t.strings("command") {
            if c.isEmpty || !c[0].hasPrefix("/") {
                sink.add("voice.command", "must name a program by absolute path: [\"/path/to/tts\", \"--lang\", \"{lang}\"]")
            } else {
                v.command = c
            }
        }
        if let s = t.double("command_timeout_seconds", range: 0.5...120) { v.commandTimeoutSeconds = s }
        if let p = t.string("espeak_path") { v.espeakPath = p }
        if let s = t.int("espeak_speed", range: 80...450) { v.espeakSpeed = s }
        if let p = t.string("aplay_path") { v.aplayPath = p }
        if let d = t.double("volume", range: 0...1) { v.volume = d }
        if let g = t.int("gap_ms", range: 0...10_000) { v.gapMs = g }
        if let q = t.int("queue_limit", range: 1...100) { v.queueLimit = q }
        v.spoolDir = t.string("spool_dir")
        v.alsaConfig = t.string("alsa_config")
        if let p = t.bool("pace") { v.pace = p }
        v.zones = zones(t, counters: counters, spool: v.spoolDir != nil, sink: sink)
        t.finish()
        guard v.enabled else { return v }
        if v.engine == .clips && v.clipsVi == nil { sink.add("voice.clips_vi", "engine = \"clips\" needs a Vietnamese clip manifest") }
        if v.engine == .command && v.command == nil { sink.add("voice.command", "engine = \"command\" needs a command") }
        if v.composer.khmer != .never && v.clipsKm == nil {
            sink.add("voice.clips_km", "Khmer is spoken from a recorded clip set: set clips_km, or khmer = \"never\"")
        }
        if v.zones.isEmpty { v.zones = [VoiceConfig.Zone(name: "hall", device: "default", counters: [])] }
        return v
    }

    static func zones(_ t: TableReader, counters: [Counter], spool: Bool, sink: ProblemSink) -> [VoiceConfig.Zone] {
        var out: [VoiceConfig.Zone] = []
        var owner: [String: String] = [:]
        for z in t.tables("zone") {
            defer { z.finish() }
            guard let name = z.string("name", required: true) else { continue }
            guard !name.isEmpty, name.count <= 16, name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }) else {
                sink.add(z.keyPath("name"), "must be 1-16 ASCII letters, digits or '-'")
                continue
            }
            if out.contains(where: { $0.name == name }) { sink.add(z.keyPath("name"), "duplicate zone '\(name)'") }
            let device = z.string("device")
            if device == nil && !spool { sink.add(z.keyPath("device"), "a zone needs a device (or [voice] spool_dir)") }
            let list = z.strings("counters") ?? []
            for c in list {
                if !counters.contains(where: { $0.id == c }) { sink.add(z.keyPath("counters"), "unknown counter '\(c)'") }
                if let other = owner.updateValue(name, forKey: c) {
                    sink.add(z.keyPath("counters"), "counter '\(c)' is already in zone '\(other)'")
                }
            }
            out.append(VoiceConfig.Zone(name: name, device: device, counters: list))
        }
        if out.filter({ $0.counters.isEmpty }).count > 1 {
            sink.add("voice.zone", "at most one zone may leave out counters (it announces every other counter)")
        }
        return out
    }

    static func choice<E: RawRepresentable & CaseIterable>(_ t: TableReader, _ key: String, _: E.Type) -> E?
    where E.RawValue == String {
        guard let s = t.string(key) else { return nil }
        guard let e = E(rawValue: s) else {
            t.sink.add(t.keyPath(key), "must be one of \(E.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: ", "))")
            return nil
        }
        return e
    }
}
