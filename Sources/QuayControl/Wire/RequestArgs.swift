import QuayCore

/// The `args` object of a request, decoded into typed fields: every op reads the ones it documents
/// (docs/protocol.md) and unknown keys are ignored without being decoded.
///
/// Text fields also accept an integer JSON number (a receipt code typed as digits) as its decimal text. Numeric
/// fields are decoded as integers with the decoder's own range check (`1e300` or `1.5` for an integer field is a
/// `bad-request` naming the field, never a trap); each op then checks its own range with `int(_:in:)`.
public struct RequestArgs: Sendable, Codable, Equatable {
    // issue, issue-return, print-test, reprint
    public var kiosk: String?
    // issue: the tap's idempotency key (a retry with the same key within the window gets the same ticket)
    public var idempotencyKey: String?
    // issue: also make a follow token for the "my ticket" phone page; ticket-status: that token
    public var follow: Bool?
    public var token: String?
    // user-add, user-passwd, user-disable: the account's name, role, counters and password
    public var name: String?
    public var role: String?
    public var counters: [String]?
    public var password: String?
    // rate: 1 (bad) to 4 (very good)
    public var score: Int?
    // watch
    public var scans: Bool?
    // devices
    public var unassigned: Bool?
    // device-test, device-identify: seconds to wait for a scan
    public var timeout: Int?
    // dossier-create
    public var receiptCode: String?
    public var procedure: String?
    public var procedureName: String?
    public var service: String?
    public var appointmentDate: String?
    public var citizenName: String?
    public var citizenPhone: String?
    public var returnChannel: String?
    public var note: String?
    public var clerk: String?
    // dossier-update, dossier-get
    public var dossier: String?
    public var status: String?
    // dossier-import
    public var csv: String?
    public var mapping: CSVColumnMapping?
    public var lineOffset: Int?
    // dossier-stats
    public var from: String?
    public var to: String?
    public var today: String?
    public var basis: String?
    public var groupBy: String?
    public var period: String?
    // results-ready, dossier-outbox, queue, history
    public var limit: Int?
    // history: a ticket id or today's number, a counter, epoch seconds or an ISO 8601 date or time
    public var ticket: String?
    public var counter: String?
    public var since: String?
    // issue-return
    public var code: String?
    // transfer: why (kept in the audit trail, at most 200 characters)
    public var reason: String?
    // say: what to announce (at most 200 characters) and in which zone
    public var text: String?
    public var zone: String?
    // post-handover: the results to post (at most `PostalBatch.maxItems`); post-batch: which batch; both: the
    // printer role for the hand-over slip
    public var items: [PostalHandover]?
    public var batch: String?
    public var printer: String?

    public init() {}

    enum CodingKeys: String, CodingKey, CaseIterable {
        case kiosk, idempotencyKey, follow, token, name, role, counters, password, score, scans, unassigned, timeout, receiptCode,
            procedure,
            procedureName, service,
            appointmentDate,
            citizenName, citizenPhone, returnChannel, note, clerk, dossier, status, csv, mapping, lineOffset, from,
            to, today, basis, groupBy, period, limit, code, ticket, counter, since, reason, text, zone, items, batch, printer
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        func text(_ k: CodingKeys) throws -> String? {
            guard c.contains(k), try !c.decodeNil(forKey: k) else { return nil }
            if let s = try? c.decode(String.self, forKey: k) { return s }
            if let i = try? c.decode(Int64.self, forKey: k) { return String(i) }
            throw DecodingError.typeMismatch(
                String.self,
                .init(
                    codingPath: c.codingPath + [k],
                    debugDescription: "must be a string (or an integer)"))
        }
        // Foundation reports 1e300, 1.5 or 1e400 for an Int without the field's path: name the field here.
        func int(_ k: CodingKeys) throws -> Int? {
            guard c.contains(k), try !c.decodeNil(forKey: k) else { return nil }
            if let i = try? c.decode(Int.self, forKey: k) { return i }
            throw DecodingError.typeMismatch(
                Int.self,
                .init(
                    codingPath: c.codingPath + [k],
                    debugDescription: "must be a whole number within ±\(Int.max)"))
        }
        kiosk = try text(.kiosk)
        idempotencyKey = try c.decodeIfPresent(String.self, forKey: .idempotencyKey)
        follow = try c.decodeIfPresent(Bool.self, forKey: .follow)
        token = try c.decodeIfPresent(String.self, forKey: .token)
        name = try text(.name)
        role = try text(.role)
        counters = try c.decodeIfPresent([String].self, forKey: .counters)
        password = try c.decodeIfPresent(String.self, forKey: .password)
        score = try int(.score)
        scans = try c.decodeIfPresent(Bool.self, forKey: .scans)
        unassigned = try c.decodeIfPresent(Bool.self, forKey: .unassigned)
        timeout = try int(.timeout)
        receiptCode = try text(.receiptCode)
        procedure = try text(.procedure)
        procedureName = try text(.procedureName)
        service = try text(.service)
        appointmentDate = try text(.appointmentDate)
        citizenName = try text(.citizenName)
        citizenPhone = try text(.citizenPhone)
        returnChannel = try text(.returnChannel)
        note = try text(.note)
        clerk = try text(.clerk)
        dossier = try text(.dossier)
        status = try text(.status)
        csv = try c.decodeIfPresent(String.self, forKey: .csv)
        mapping = try c.decodeIfPresent(CSVColumnMapping.self, forKey: .mapping)
        lineOffset = try int(.lineOffset)
        from = try text(.from)
        to = try text(.to)
        today = try text(.today)
        basis = try text(.basis)
        groupBy = try text(.groupBy)
        period = try text(.period)
        limit = try int(.limit)
        code = try text(.code)
        reason = try text(.reason)
        ticket = try text(.ticket)
        counter = try text(.counter)
        since = try text(.since)
        self.text = try c.decodeIfPresent(String.self, forKey: .text)
        zone = try text(.zone)
        items = try c.decodeIfPresent([PostalHandover].self, forKey: .items)
        batch = try text(.batch)
        printer = try text(.printer)
    }
}
