import QuayCore

/// `post-handover`: hand the results `args.items` (dossier id or receipt code, tracking number) to postal staff in
/// one batch, at `counter`, and print the hand-over slip on `args.printer` (the default printer when absent; no
/// slip when no printer is configured).
public struct PostHandoverRequest: OpRequest, Equatable {
    public var items: [PostalHandover]
    public var counter: String?
    public var clerk: String?
    public var printer: String?

    public init(items: [PostalHandover], counter: String? = nil, clerk: String? = nil, printer: String? = nil) {
        (self.items, self.counter, self.clerk, self.printer) = (items, counter, clerk, printer)
    }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        guard let items = r.args?.items, !items.isEmpty else { throw .missingField("args.items", op: r.op) }
        guard items.count <= PostalBatch.maxItems else {
            throw .badRequest("'args.items' may hold at most \(PostalBatch.maxItems) results, not \(items.count)")
        }
        for (k, i) in items.enumerated() {
            guard !i.dossier.isEmpty else { throw .missingField("args.items[\(k)].dossier", op: r.op) }
            guard !i.tracking.isEmpty else { throw .missingField("args.items[\(k)].tracking", op: r.op) }
            do throws(DossierError) { _ = try TrackingNumber.normalize(i.tracking) } catch {
                throw .invalidField("args.items[\(k)].tracking", error.description)
            }
        }
        self.init(items: items, counter: r.counter, clerk: f[\.clerk], printer: f[\.printer])
    }

    public var subject: AuditSubject { AuditSubject(counter: counter, device: printer) }
}

/// `post-batch`: a postal batch with its results as they stand now; `args.printer` (a role, or "" for the default
/// printer) prints its slip again.
public struct PostBatchRequest: OpRequest, Equatable {
    public var batch: String
    public var printer: String?
    public var reprint: Bool

    public init(batch: String, printer: String? = nil, reprint: Bool = false) {
        (self.batch, self.printer, self.reprint) = (batch, printer, reprint)
    }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        let batch = try f.required(\.batch, "batch")
        guard batch.utf8.count <= 64 else { throw .invalidField("args.batch", "is not a postal batch id") }
        self.init(batch: batch, printer: f[\.printer], reprint: r.args?.printer != nil)
    }

    public var subject: AuditSubject { AuditSubject(device: printer, detail: "batch=\(batch)") }
}
