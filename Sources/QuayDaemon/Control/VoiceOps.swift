import Foundation
import QuayControl
import QuayCore
import QuayVoice

/// Technician ops on voice (docs/protocol.md): `say` (free text in a language and zone) and `device-test`
/// on role `voice` (the test phrase in every zone) or `voice-<zone>`.
extension OpContext {
    func say(_ r: SayRequest) async throws -> OpOutput {
        let station = try VoiceOps.station(voice)
        var zones = station.zones
        if let name = r.zone {
            guard let z = station.zone(named: name) else {
                let known = station.zones.map(\.config.name).joined(separator: ", ")
                throw ControlError(code: "unknown-zone", message: "no voice zone '\(name)' is configured (zones: \(known))")
            }
            zones = [z]
        }
        return .body(try await VoiceOps.announce(r.text, r.language, zones: zones, station: station))
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
