import Foundation
import QuayControl
import QuayCore

/// What happened to one scan, as kiosk screens see it on `watch` (`{"scan":{…}}`). Never the raw text of an ID
/// card: `cccd` carries the last 4 digits and the age only.
struct ScanEvent: Encodable, Sendable {
    var role: String
    var kiosk: String?
    /// ticket, receipt, cccd, unreadable.
    var kind: String
    var at: Double
    /// receipt: the `issue-return` outcome (ok + ticket, or the refusal with citizen texts).
    var result: ScanReturnResult?
    /// ticket: the ticket as it is now.
    var ticket: Ticket?
    /// cccd: last 4 digits of the ID number and age today.
    var idLast4: String?
    var age: Int?
    /// cccd: `elderly` when the citizen is 60 or older (Luật Người cao tuổi) and the center has that priority
    /// class; the kiosk screen offers it, the citizen decides.
    var suggestedPriority: String?
    /// unreadable: why (garbled keys, bad check digit, not a known code).
    var reason: String?
}

/// Fans scans out to `watch` clients and to a technician's `device-test` waiting for one.
final class ScanFeed: @unchecked Sendable {
    private let lock = NSLock()
    private var observers: [UInt64: @Sendable (ScanEvent) -> Void] = [:]
    private var next: UInt64 = 0

    func observe(_ f: @escaping @Sendable (ScanEvent) -> Void) -> UInt64 {
        lock.withLock {
            next += 1
            observers[next] = f
            return next
        }
    }

    func stopObserving(_ token: UInt64) { lock.withLock { observers[token] = nil } }

    func publish(_ e: ScanEvent) {
        let all = lock.withLock { Array(observers.values) }
        for f in all { f(e) }
    }

    /// The next scan from `role`, or nil after `timeout`.
    func next(role: String, timeout: Duration) async -> ScanEvent? {
        let (stream, cont) = AsyncStream<ScanEvent?>.makeStream(bufferingPolicy: .bufferingNewest(1))
        let token = observe { e in if e.role == role { cont.yield(e) } }
        let timer = Task { try? await Task.sleep(for: timeout); cont.yield(nil) }
        defer { stopObserving(token); timer.cancel() }
        for await e in stream { return e }
        return nil
    }
}

/// What `issue-return` gave for a scanned receipt: the reply's fields, or its error.
struct ScanReturnResult: Encodable, Sendable {
    struct Failure: Encodable, Sendable {
        var code: String
        var message: String?
        var citizen: [String: String]?
    }
    var ok: Bool
    var ticket: Ticket?
    var dossier: String?
    var maskedCode: String?
    var counters: [String]?
    var reissued: Bool?
    var print: PrintOutcome?
    var error: Failure?

    init(_ r: Result<ReturnBody, ControlError>) {
        switch r {
        case .success(let b):
            ok = true
            (ticket, dossier, maskedCode, counters, reissued, print) = (b.ticket, b.dossier, b.maskedCode, b.counters, b.reissued, b.print)
        case .failure(let e):
            ok = false
            error = Failure(code: e.code, message: e.message, citizen: e.citizen)
        }
    }
}

extension ScanEvent {
    /// What a kiosk screen may see of a scan: the outcome and the citizen texts, not the dossier, its state or
    /// the staff message (which names the receipt code and the appointment date).
    var citizenView: ScanEvent {
        var v = self
        v.result?.dossier = nil
        v.result?.error?.message = nil
        return v
    }
}
