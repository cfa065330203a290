import Foundation
import QuayControl
import QuayCore
import QuayDevices
import QuayStore

/// post-handover and post-batch (docs/protocol.md): results handed to postal staff in batches, and the hand-over
/// slip printed on a ticket printer for the postal worker to check and sign.
extension OpContext {
    func postHandover(_ r: PostHandoverRequest, caller: Caller) async throws -> OpOutput {
        // A dossier-update to handed-to-post would skip the tracking number: only this op posts results.
        var refuse: (@Sendable (Dossier) -> Error?)?
        if let allowed = DossierOps.dossierScope(caller.identity, state) {
            let refusal = DossierOps.outOfScope(caller.identity)
            refuse = { d in allowed(d) ? nil : refusal }
        }
        let batch = try await PostalStore(ledger: try state.ledger()).handOver(
            r.items, site: state.config.center.site, counter: r.counter, clerk: r.clerk, refuse: refuse)
        return .body(PostalBatchBody(batch: batch, print: await printSlip(batch, role: r.printer)))
    }

    func postBatch(_ r: PostBatchRequest, caller: Caller) async throws -> OpOutput {
        guard let batch = try await PostalStore(ledger: try state.ledger()).batch(r.batch) else {
            throw ControlError(code: "unknown-batch", message: "no postal batch '\(r.batch)'")
        }
        if let allowed = caller.identity.counters, !(batch.counter.map { allowed.contains($0) } ?? false) {
            throw ControlError(
                code: "forbidden",
                message: "this clerk may see only postal batches handed over at counters \(allowed.joined(separator: ", "))")
        }
        return .body(PostalBatchBody(batch: batch, print: r.reprint ? await printSlip(batch, role: r.printer) : nil))
    }

    /// Prints the hand-over slip on `role` (the default printer when nil); nil when no printer is configured.
    private func printSlip(_ batch: PostalBatch, role: String?) async -> PrintOutcome? {
        guard let printers, let name = role ?? printers.defaultRole else { return nil }
        guard let driver = printers.drivers[name] else {
            let e = PrinterOps.noPrinter(name)
            return PrintOutcome(ok: false, printer: name, code: e.code, message: e.message)
        }
        let counter = batch.counter.map { id in state.config.center.counters.first { $0.id == id }?.number ?? id }
        let job = PostalSlip.job(
            batch, center: state.config.center.name[.vi], counter: counter, timeZone: state.config.center.clock.timeZone)
        let bytes = SlipRenderer(profile: driver.profile).render(job).bytes
        return await withTaskExecutorPreference(globalConcurrentExecutor) {
            do throws(PrinterError) {
                _ = try await driver.send(bytes)
                return PrintOutcome(ok: true, printer: name)
            } catch {
                let e = printers.refusal(error)
                state.logger.error(
                    "postal slip not printed", metadata: ["batch": "\(batch.id)", "printer": "\(name)", "error": "\(error)"])
                return PrintOutcome(ok: false, printer: name, code: e.code, message: e.message)
            }
        }
    }
}

/// The hand-over slip's text (Vietnamese: it is for the postal worker and the clerk who sign it).
enum PostalSlip {
    static func job(_ b: PostalBatch, center: String, counter: String?, timeZone: TimeZone) -> SlipPrintJob {
        let f = DateFormatter()
        f.timeZone = timeZone
        f.locale = Locale(identifier: "vi")
        f.dateFormat = "dd/MM/yyyy HH:mm"
        var header = [center, "Lô: \(b.id)", "Thời gian: \(f.string(from: Date(timeIntervalSince1970: b.at)))"]
        if let c = counter { header.append("Quầy: \(c)") }
        if let c = b.clerk { header.append("Cán bộ giao: \(c)") }
        header.append("Số hồ sơ: \(b.items.count)")
        let entries = b.items.map { i in
            SlipPrintJob.Entry(codes: "\(i.receiptCode) \(i.trackingNumber)", detail: "\(i.citizenName) - \(i.procedureName)")
        }
        return SlipPrintJob(
            title: "BIÊN BẢN BÀN GIAO KẾT QUẢ QUA BƯU CHÍNH", header: header, entries: entries,
            footer: ["Cán bộ bàn giao (ký, ghi rõ họ tên)", "Nhân viên bưu chính (ký, ghi rõ họ tên)"], qrPayload: b.id)
    }
}
