import Foundation
import Logging
import QuayCore
import QuayStore
import QuayVoice
import ServiceLifecycle

/// Announces committed calls, recalls and results-ready dossiers (subscribed to the ledger the way
/// `DisplayService` is: only what was stored is ever said). Each call goes to its counter's zone queue.
struct VoiceService: LifecycleService {
    let state: DaemonState
    let station: VoiceStation
    let logger: Logger

    func run() async throws {
        let prefixes = state.config.center.services.map(\.prefix)
        guard let ledger = state.ledgerIfOpen else {
            await station.prepare(catalog: state.catalog, prefixes: prefixes)
            await station.run()
            return
        }
        // Subscribed before the (seconds long) pre-render: calls made meanwhile wait in the stream, not lost.
        let (stream, cont) = AsyncStream<Mutation>.makeStream(bufferingPolicy: .bufferingNewest(1000))
        let (token, _) = try await ledger.subscribe(snapshot: { _ in () }, observer: { cont.yield($0) })
        defer { ledger.unsubscribe(token) }
        await station.prepare(catalog: state.catalog, prefixes: prefixes)
        await withTaskGroup(of: Void.self) { g in
            g.addTask { await station.run() }
            g.addTask {
                for await m in stream.cancelOnGracefulShutdown() {
                    for e in m.events { await handle(e, m) }
                }
            }
            await g.next()
            g.cancelAll()
        }
    }

    private func handle(_ e: QueueEvent, _ m: Mutation) async {
        let voice = station.config
        switch e.kind {
        case .called, .recalled:
            guard let number = e.number, let cid = e.counter, let zone = station.zone(forCounter: cid) else { return }
            let counter = state.config.center.counter(cid)?.number ?? cid
            let language = m.tickets.first { $0.id == e.ticket }?.language
            let kind: AnnouncementKind = e.kind == .called ? .call : .recall
            let catalog = state.catalog
            let parts = voice.composer.languages(ticketLanguage: language).map {
                Announcement.Part(language: $0, units: voice.composer.units(kind, $0, catalog: catalog, ticket: number, counter: counter))
            }
            let a = Announcement(kind: kind, ticket: e.ticket, label: "\(kind.rawValue) \(number) \(cid)", parts: parts, at: e.at)
            await station.enqueue(a, in: zone)
        case .dossier where voice.resultsReady:
            let words = (e.detail ?? "").split(separator: " ")
            guard words.count == 2, words[1] == Substring(DossierStatus.resultReady.rawValue),
                let found = try? await DossierDesk(state: state).get(String(words[0]))
            else { return }
            // The receipt's last four letters or digits: never the citizen's name.
            let tail = String(found.0.receiptCode.filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.suffix(4))
            let catalog = state.catalog
            let parts = voice.composer.languages(ticketLanguage: nil).map {
                Announcement.Part(language: $0, units: voice.composer.units(.resultsReady, $0, catalog: catalog, code: tail))
            }
            let a = Announcement(kind: .resultsReady, ticket: nil, label: "results-ready \(tail)", parts: parts, at: e.at)
            for zone in resultZones() { await station.enqueue(a, in: zone) }
        default:
            return
        }
    }

    /// Zones of the counters serving the return service; every zone when there is none.
    private func resultZones() -> [VoiceStation.Zone] {
        let center = state.config.center
        guard let service = state.config.dossiers.returnService else { return station.zones }
        let counters = center.counters.filter { $0.services.contains(service) }.map(\.id)
        let names = Set(counters.compactMap { station.config.zone(for: $0)?.name })
        let zones = station.zones.filter { names.contains($0.config.name) }
        return zones.isEmpty ? station.zones : zones
    }
}
