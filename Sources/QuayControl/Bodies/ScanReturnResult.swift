import QuayCore

/// What `issue-return` gave for a scanned receipt: the reply's fields, or its error.
public struct ScanReturnResult: Codable, Sendable, Equatable {
    public struct Failure: Codable, Sendable, Equatable {
        public var code: String
        public var message: String?
        public var citizen: [String: String]?

        public init(code: String, message: String?, citizen: [String: String]?) {
            self.code = code
            self.message = message
            self.citizen = citizen
        }
    }
    public var ok: Bool
    public var ticket: Ticket?
    public var dossier: String?
    public var maskedCode: String?
    public var counters: [String]?
    public var reissued: Bool?
    public var print: PrintOutcome?
    public var error: Failure?

    public init(
        ok: Bool, ticket: Ticket? = nil, dossier: String? = nil, maskedCode: String? = nil, counters: [String]? = nil,
        reissued: Bool? = nil, print: PrintOutcome? = nil, error: Failure? = nil
    ) {
        self.ok = ok
        self.ticket = ticket
        self.dossier = dossier
        self.maskedCode = maskedCode
        self.counters = counters
        self.reissued = reissued
        self.print = print
        self.error = error
    }

    public init(_ r: Result<IssueReturnBody, ControlError>) {
        switch r {
        case .success(let b):
            self.init(
                ok: true, ticket: b.ticket, dossier: b.dossier, maskedCode: b.maskedCode, counters: b.counters,
                reissued: b.reissued, print: b.print)
        case .failure(let e):
            self.init(ok: false, error: Failure(code: e.code, message: e.message, citizen: e.citizen))
        }
    }
}
