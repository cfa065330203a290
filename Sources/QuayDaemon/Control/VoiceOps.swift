import Foundation
import QuayControl
import QuayCore
import QuayVoice

/// Technician ops on voice (docs/protocol.md): `say` (free text in a language and zone) and `device-test`
/// on role `voice` (the test phrase in every zone) or `voice-<zone>`.
extension OpContext {
    func say(_ r: Request) async throws -> OpOutput {
        let station = try VoiceOps.station(voice)
        let args = try VoiceOps.SayArgs(r, station: station)
        return .body(try await VoiceOps.announce(args.text, args.language, zones: args.zones, station: station))
    }

    /// `i18n-status` rows for voice clip sets that are generated placeholders (key `voice.clips`).
    func voicePlaceholders() -> [MessageCatalog.Status] {
        (voice?.placeholders.withLock { $0 } ?? []).map { MessageCatalog.Status(key: "voice.clips", language: $0, problem: "placeholder") }
    }

    func voiceTest(role: String) async throws -> OpOutput {
        let station = try VoiceOps.station(voice)
        let zones = role == VoiceStation.engineRole ? station.zones : station.zones.filter { $0.role == role }
        guard !zones.isEmpty else { throw DeviceOps.unknown(role) }
        return .body(try await VoiceOps.announce(state.catalog.text("voice.test", .vi), .vi, zones: zones, station: station))
    }
}

enum VoiceOps {
    /// The arguments of `say`, checked: `args.text` (1…200 characters, no control characters), `language`
    /// (vi, km or en; default vi), `args.zone` (a configured zone; default every zone).
    struct SayArgs {
        var text: String
        var language: Language
        var zones: [VoiceStation.Zone]

        init(_ r: Request, station: VoiceStation) throws(ControlError) {
            guard let raw = r.args?.text else { throw .missingField("args.text", op: r.op) }
            let t = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            guard !t.isEmpty else { throw .invalidField("args.text", "is empty") }
            guard t.count <= VoiceConfig.maxSayLength else {
                throw .invalidField("args.text", "is \(t.count) characters; at most \(VoiceConfig.maxSayLength)")
            }
            guard !t.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
                throw .invalidField("args.text", "contains control characters")
            }
            text = t
            let lang = r.language ?? "vi"
            guard let l = Language(rawValue: lang) else { throw .invalidField("language", "must be vi, km or en") }
            language = l
            if let name = r.args?.zone {
                guard let z = station.zone(named: name) else {
                    throw .invalidField("args.zone", "no zone '\(name)' (zones: \(station.zones.map(\.config.name).joined(separator: ", ")))")
                }
                zones = [z]
            } else {
                zones = station.zones
            }
        }
    }

    static func station(_ v: VoiceStation?) throws(ControlError) -> VoiceStation {
        guard let v else { throw ControlError(code: "voice-off", message: "voice is off ([voice] enabled = false)") }
        return v
    }

    /// Renders first (so a text the engine or clip set cannot speak is refused with the reason), then queues.
    static func announce(_ text: String, _ lang: Language, zones: [VoiceStation.Zone], station: VoiceStation) async throws -> SayBody {
        var a = Announcement(
            kind: .say, ticket: nil, label: "say", parts: [.init(language: lang, units: [.phrase(text)])],
            at: Date().timeIntervalSince1970)
        do throws(VoiceError) { a.audio = try await station.renderer.assemble(a) } catch {
            throw ControlError(code: error.code, message: error.description)
        }
        var dropped: [String] = []
        for z in zones {
            if case .droppedOldest(let old) = await z.queue.enqueue(a) { dropped.append(old.label) }
        }
        return SayBody(zones: zones.map(\.config.name), language: lang.rawValue, seconds: a.audio?.seconds ?? 0, dropped: dropped)
    }
}
