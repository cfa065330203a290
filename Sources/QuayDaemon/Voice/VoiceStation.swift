import Foundation
import Logging
import QuayCore
import QuayDevices
import QuayVoice
import Synchronization

/// The daemon's voice: one renderer (engines and the render cache) and, per zone, an `AnnouncementQueue`
/// speaking through a `ZoneOutput`. Health is in the device registry: role "voice" (engines, clip sets) and
/// "voice-<zone>" (the sound device). Nothing here can stop quayd: a fault is logged and shown in `devices`.
final class VoiceStation: Sendable {
    struct Zone: Sendable {
        let config: VoiceConfig.Zone
        let output: ZoneOutput
        let queue: AnnouncementQueue
        var role: String { "voice-\(config.name)" }
    }

    let config: VoiceConfig
    let renderer: VoiceRenderer
    let zones: [Zone]
    let registry: DeviceRegistry
    let logger: Logger
    static let engineRole = "voice"
    /// Languages spoken from a clip set marked `placeholder = true` (set by `prepare`).
    let placeholders = Mutex<[Language]>([])

    init(config: VoiceConfig, scratchDir: String, registry: DeviceRegistry, logger: Logger) {
        self.config = config
        self.registry = registry
        self.logger = logger
        var engines: [Language: any SpeechEngine] = [:]
        switch config.engine {
        case .espeak:
            let e = EspeakEngine(path: config.espeakPath, scratchDir: scratchDir, speed: config.espeakSpeed)
            engines[.vi] = e
            engines[.en] = e
        case .command:
            let c = CommandEngine(
                argv: config.command ?? [], languages: [.vi, .en], scratchDir: scratchDir, timeoutSeconds: config.commandTimeoutSeconds)
            engines[.vi] = c
            engines[.en] = c
        case .clips:
            break
        }
        renderer = VoiceRenderer(engines: engines)
        var zones: [Zone] = []
        for z in config.zones {
            var s = ZoneOutput.Settings(zone: z.name, device: z.device, spoolDir: config.spoolDir)
            s.alsaConfig = config.alsaConfig
            s.volume = config.volume
            s.pace = config.pace
            s.aplayPath = config.aplayPath
            s.scratchDir = scratchDir
            let output = ZoneOutput(s)
            let role = "voice-\(z.name)"
            let queue = AnnouncementQueue(limit: config.queueLimit, gap: .milliseconds(config.gapMs)) { [renderer, registry, logger] a in
                await Self.speak(a, renderer: renderer, output: output, role: role, registry: registry, logger: logger)
            }
            zones.append(Zone(config: z, output: output, queue: queue))
        }
        self.zones = zones
    }

    /// Loads clip sets, pre-renders every unit a call can use and probes the sound devices.
    func prepare(catalog: MessageCatalog, prefixes: [String]) async {
        let started = ContinuousClock.now
        var faults: [String] = []
        var placeholders: [Language] = []
        let manifests: [(Language, String?)] = [
            (.vi, config.engine == .clips ? config.clipsVi : nil), (.km, config.clipsKm), (.en, config.clipsEn),
        ]
        for case (let lang, let path?) in manifests {
            do {
                let set = try await renderer.loadClips(manifest: path)
                if set.language != lang { faults.append("\(path) is a \(set.language.rawValue) clip set, configured for \(lang.rawValue)") }
                if set.placeholder { placeholders.append(set.language) }
            } catch {
                faults.append("\(lang.rawValue) clips: \(error)")
            }
        }
        var unitCounts: [String] = []
        for lang in Self.spokenLanguages(config.composer) {
            let units = config.composer.vocabulary(lang, catalog: catalog, prefixes: prefixes)
            unitCounts.append("\(lang.rawValue) \(units.count)")
            let failed = await renderer.prepare(units, lang)
            if let first = failed.first {
                faults.append("\(lang.rawValue): \(failed.count) of \(units.count) units missing, first: \(first)")
            }
        }
        let ms = (ContinuousClock.now - started).components
        logger.info(
            "voice prepared",
            metadata: [
                "milliseconds": "\(ms.seconds * 1000 + ms.attoseconds / 1_000_000_000_000_000)", "faults": "\(faults.count)",
                "units": "\(unitCounts.joined(separator: ", "))",
            ])
        await registry.register(
            DeviceHealth(
                role: Self.engineRole, kind: "voice", matcher: "engine \(config.engine.rawValue)",
                state: faults.isEmpty ? .ready : .fault, condition: faults.isEmpty ? "ready" : "voice-incomplete",
                lastError: faults.isEmpty ? nil : faults.joined(separator: "; ")))
        for f in faults { logger.error("voice fault; calls are announced without the missing parts", metadata: ["fault": "\(f)"]) }
        for z in zones {
            let problem = await z.output.probe()
            await registry.register(
                DeviceHealth(
                    role: z.role, kind: "voice",
                    matcher: "zone \(z.config.name): "
                        + (z.config.counters.isEmpty ? "other counters" : z.config.counters.joined(separator: " ")),
                    devnode: z.config.device ?? config.spoolDir, state: problem == nil ? .ready : .error,
                    condition: problem?.code ?? "ready", lastError: problem?.description))
            if let problem {
                logger.error(
                    "sound device unavailable; quayd runs without voice there",
                    metadata: ["zone": "\(z.config.name)", "error": "\(problem)"])
            }
        }
        self.placeholders.withLock { $0 = placeholders }
    }

    static func spokenLanguages(_ c: AnnouncementComposer) -> [Language] {
        var out: [Language] = [.vi]
        if c.khmer != .never { out.append(.km) }
        if c.english { out.append(.en) }
        return out
    }

    func zone(named name: String) -> Zone? { zones.first { $0.config.name == name } }

    func zone(forCounter counter: String) -> Zone? {
        guard let z = config.zone(for: counter) else { return nil }
        return zone(named: z.name)
    }

    /// Queues `a` in `zone`, logging a drop or a duplicate recall.
    func enqueue(_ a: Announcement, in zone: Zone) async {
        switch await zone.queue.enqueue(a) {
        case .queued: logger.debug("announcement queued", metadata: ["zone": "\(zone.config.name)", "what": "\(a.label)"])
        case .duplicate:
            logger.info("recall not queued twice", metadata: ["zone": "\(zone.config.name)", "what": "\(a.label)"])
        case .droppedOldest(let old):
            logger.warning(
                "announcement queue full; oldest dropped",
                metadata: ["zone": "\(zone.config.name)", "dropped": "\(old.label)", "limit": "\(config.queueLimit)"])
        }
    }

    /// The queue workers, until cancelled.
    func run() async {
        await withTaskGroup(of: Void.self) { g in
            for z in zones { g.addTask { await z.queue.run() } }
        }
    }

    static func speak(
        _ a: Announcement, renderer: VoiceRenderer, output: ZoneOutput, role: String, registry: DeviceRegistry, logger: Logger
    ) async {
        do throws(VoiceError) {
            let (pcm, missing) = await renderer.assembleSkipping(a)
            if let first = missing.first {
                logger.warning(
                    "announced without some parts", metadata: ["what": "\(a.label)", "missing": "\(missing.count)", "first": "\(first)"])
            }
            let played = try await output.play(pcm, label: a.label, eventAt: a.kind == .say ? 0 : a.at)
            await registry.update(role) {
                $0.state = .ready
                $0.condition = "ready"
                $0.lastError = nil
                $0.jobs += 1
                $0.lastSeen = played.ended
            }
            logger.debug("announced", metadata: ["zone": "\(played.zone)", "what": "\(a.label)", "seconds": "\(played.seconds)"])
        } catch {
            await registry.update(role) {
                $0.state = error.code == "no-sound-device" ? .error : .fault
                $0.condition = error.code
                $0.lastError = error.description
                $0.errors += 1
            }
            logger.error("announcement failed", metadata: ["what": "\(a.label)", "error": "\(error)"])
        }
    }
}
