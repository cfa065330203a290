/// How a provincial export's columns map onto dossier fields. The export format is not fixed, so every
/// column is named by header text (matched trimmed and case-insensitively) or by 0-based index.
/// Decodable so the daemon can read it straight from the `[dossiers.import]` config table.
public struct CSVColumnMapping: Sendable, Equatable, Codable {
    public enum Column: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
        case header(String)
        case index(Int)

        public var description: String {
            switch self {
            case .header(let h): "'\(h)'"
            case .index(let i): "#\(i + 1)"
            }
        }
        /// Decodes from a string (header) or an integer (0-based index).
        public init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let i = try? c.decode(Int.self) { self = .index(i) } else { self = .header(try c.decode(String.self)) }
        }
        public func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .header(let h): try c.encode(h)
            case .index(let i): try c.encode(i)
            }
        }
    }

    /// The dossier fields a column can feed. Raw values are the names used in config and row errors.
    public enum Field: String, Sendable, Codable, CodingKeyRepresentable, CaseIterable, Hashable {
        case receiptCode = "receipt-code"
        case procedure
        case procedureName = "procedure-name"
        case service
        case receivedAt = "received-at"
        case appointmentDate = "appointment-date"
        case status
        case statusChangedAt = "status-changed-at"
        case returnedAt = "returned-at"
        case citizenName = "citizen-name"
        case phone
        case returnChannel = "return-channel"
        case counter
        case clerk
        case note

        /// Position in `allCases`, for array lookups on the import hot path.
        var slot: Int {
            switch self {
            case .receiptCode: 0
            case .procedure: 1
            case .procedureName: 2
            case .service: 3
            case .receivedAt: 4
            case .appointmentDate: 5
            case .status: 6
            case .statusChangedAt: 7
            case .returnedAt: 8
            case .citizenName: 9
            case .phone: 10
            case .returnChannel: 11
            case .counter: 12
            case .clerk: 13
            case .note: 14
            }
        }

        /// Fields every row must have.
        public static let required: [Field] = [.receiptCode, .procedure, .receivedAt, .appointmentDate, .citizenName]
    }

    /// Column per field; fields not listed are absent (status defaults to received, channel to at-center).
    public var columns: [Field: Column]
    /// The file has a header row (needed when any column is named by header).
    public var hasHeader: Bool
    public var delimiter: String
    /// Date and date-time formats tried in order, e.g. "dd/MM/yyyy HH:mm", "dd/MM/yyyy", "yyyy-MM-dd".
    public var dateFormats: [String]
    /// Source status text → status, matched trimmed and case-insensitively ("Đang xử lý" → processing).
    /// Quay's own raw values ("processing", "result-ready" …) are always accepted too.
    public var statusValues: [String: DossierStatus]
    /// Source channel text → channel; Quay's raw values are always accepted.
    public var returnChannelValues: [String: ReturnChannel]
    /// The center's UTC offset for turning local times into epoch seconds (Việt Nam: +07:00).
    public var utcOffsetSeconds: Int

    public init(
        columns: [Field: Column], hasHeader: Bool = true, delimiter: String = ",",
        dateFormats: [String] = [
            "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "dd/MM/yyyy", "yyyy-MM-dd HH:mm:ss", "yyyy-MM-ddTHH:mm:ss", "yyyy-MM-dd",
        ],
        statusValues: [String: DossierStatus] = CSVColumnMapping.vietnameseStatuses,
        returnChannelValues: [String: ReturnChannel] = CSVColumnMapping.vietnameseChannels,
        utcOffsetSeconds: Int = vietnamUTCOffsetSeconds
    ) {
        self.columns = columns
        self.hasHeader = hasHeader
        self.delimiter = delimiter
        self.dateFormats = dateFormats
        self.statusValues = statusValues
        self.returnChannelValues = returnChannelValues
        self.utcOffsetSeconds = utcOffsetSeconds
    }

    /// Common wording in provincial one-stop systems.
    public static let vietnameseStatuses: [String: DossierStatus] = [
        "Mới tiếp nhận": .received, "Đã tiếp nhận": .received, "Tiếp nhận": .received,
        "Đang xử lý": .processing, "Đang giải quyết": .processing,
        "Chờ bổ sung": .needsSupplement, "Yêu cầu bổ sung": .needsSupplement, "Bổ sung hồ sơ": .needsSupplement,
        "Đã có kết quả": .resultReady, "Chờ trả kết quả": .resultReady, "Có kết quả": .resultReady,
        "Đã trả kết quả": .returned, "Đã trả": .returned, "Hoàn thành": .returned,
        "Từ chối": .rejected, "Không giải quyết": .rejected, "Trả lại hồ sơ": .rejected,
        "Rút hồ sơ": .withdrawn, "Đã rút hồ sơ": .withdrawn, "Công dân rút hồ sơ": .withdrawn,
    ]

    public static let vietnameseChannels: [String: ReturnChannel] = [
        "Trực tiếp": .atCenter, "Tại trung tâm": .atCenter, "Tại bộ phận một cửa": .atCenter,
        "Tại điểm tiếp nhận": .atSecondaryPoint, "Điểm tiếp nhận": .atSecondaryPoint,
        "Bưu chính": .byPost, "Qua bưu điện": .byPost, "Bưu chính công ích": .byPost, "BCCI": .byPost,
    ]
}

/// A mapping checked against a file's header: field → column index, compiled date patterns, lookup tables.
public struct ResolvedCSVMapping: Sendable {
    public let indexes: [CSVColumnMapping.Field: Int]
    /// The same as `indexes`, by `Field.slot`, -1 for unmapped: no hashing per row.
    let slots: [Int]
    let patterns: [DateTimePattern]
    let statuses: [String: DossierStatus]
    let channels: [String: ReturnChannel]
    /// Exact spellings first: no lower-casing on the hot path for values written as configured.
    let exactStatuses: [String: DossierStatus]
    let exactChannels: [String: ReturnChannel]
    public let utcOffsetSeconds: Int

    /// Problems that make the whole file unreadable (unknown header, bad date format) — reported before any row.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        case missingColumn(CSVColumnMapping.Field, CSVColumnMapping.Column)
        case requiredFieldUnmapped(CSVColumnMapping.Field)
        case headerNeeded(CSVColumnMapping.Field)
        case invalidDateFormat(String)
        case invalidDelimiter(String)

        public var description: String {
            switch self {
            case .missingColumn(let f, let c): "column \(c) for \(f.rawValue) is not in the file"
            case .requiredFieldUnmapped(let f): "no column is mapped to \(f.rawValue)"
            case .headerNeeded(let f): "\(f.rawValue) is mapped by header name but the file has no header row"
            case .invalidDateFormat(let s): "date format '\(s)' is not understood"
            case .invalidDelimiter(let s): "delimiter '\(s)' must be one ASCII character"
            }
        }
    }

    public init(_ m: CSVColumnMapping, header: [String]?) throws(Problem) {
        var idx: [CSVColumnMapping.Field: Int] = [:]
        var byName: [String: Int] = [:]
        for (i, h) in (header ?? []).enumerated() {
            let key = CSVColumnMapping.key(h)
            if byName[key] == nil { byName[key] = i }
        }
        for f in CSVColumnMapping.Field.required where m.columns[f] == nil { throw .requiredFieldUnmapped(f) }
        for f in CSVColumnMapping.Field.allCases {
            guard let col = m.columns[f] else { continue }
            switch col {
            case .index(let i):
                guard i >= 0, header.map({ i < $0.count }) ?? true else { throw .missingColumn(f, col) }
                idx[f] = i
            case .header(let h):
                guard header != nil else { throw .headerNeeded(f) }
                guard let i = byName[CSVColumnMapping.key(h)] else { throw .missingColumn(f, col) }
                idx[f] = i
            }
        }
        var pats: [DateTimePattern] = []
        for s in m.dateFormats {
            guard let p = DateTimePattern(s) else { throw .invalidDateFormat(s) }
            pats.append(p)
        }
        indexes = idx
        var sl = [Int](repeating: -1, count: CSVColumnMapping.Field.allCases.count)
        for (f, i) in idx { sl[f.slot] = i }
        slots = sl
        patterns = pats
        var st: [String: DossierStatus] = [:]
        for s in DossierStatus.allCases { st[s.rawValue] = s }
        for (k, v) in m.statusValues { st[CSVColumnMapping.key(k)] = v }
        statuses = st
        var est: [String: DossierStatus] = [:]
        for s in DossierStatus.allCases { est[s.rawValue] = s }
        for (k, v) in m.statusValues { est[k] = v }
        exactStatuses = est
        var ch: [String: ReturnChannel] = [:]
        for c in ReturnChannel.allCases { ch[c.rawValue] = c }
        for (k, v) in m.returnChannelValues { ch[CSVColumnMapping.key(k)] = v }
        channels = ch
        var ech: [String: ReturnChannel] = [:]
        for c in ReturnChannel.allCases { ech[c.rawValue] = c }
        for (k, v) in m.returnChannelValues { ech[k] = v }
        exactChannels = ech
        utcOffsetSeconds = m.utcOffsetSeconds
    }

    @inline(__always) func index(_ f: CSVColumnMapping.Field) -> Int? {
        let i = slots[f.slot]
        return i < 0 ? nil : i
    }

    func status(_ s: String) -> DossierStatus? { exactStatuses[s] ?? statuses[CSVColumnMapping.key(s)] }
    func channel(_ s: String) -> ReturnChannel? { exactChannels[s] ?? channels[CSVColumnMapping.key(s)] }
}

extension CSVColumnMapping {
    /// Lookup key for headers and values: trimmed, lower-cased (Unicode-aware; String hashing is canonical,
    /// so NFC and NFD spellings of "Đang xử lý" are the same key).
    static func key(_ s: String) -> String { s.trimmingWhitespace.lowercased() }

    public var delimiterByte: UInt8? {
        guard delimiter.utf8.count == 1, let b = delimiter.utf8.first, b < 0x80, b != UInt8(ascii: "\"") else { return nil }
        return b
    }
}

extension CSVColumnMapping {
    enum CodingKeys: String, CodingKey {
        case columns, hasHeader, delimiter, dateFormats, statusValues, returnChannelValues, utcOffsetSeconds
    }

    /// Only `columns` is required; everything else takes the defaults of `init(columns:)`.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let d = CSVColumnMapping(columns: try c.decode([Field: Column].self, forKey: .columns))
        self.init(
            columns: d.columns,
            hasHeader: try c.decodeIfPresent(Bool.self, forKey: .hasHeader) ?? d.hasHeader,
            delimiter: try c.decodeIfPresent(String.self, forKey: .delimiter) ?? d.delimiter,
            dateFormats: try c.decodeIfPresent([String].self, forKey: .dateFormats) ?? d.dateFormats,
            statusValues: try c.decodeIfPresent([String: DossierStatus].self, forKey: .statusValues) ?? d.statusValues,
            returnChannelValues: try c.decodeIfPresent([String: ReturnChannel].self, forKey: .returnChannelValues) ?? d.returnChannelValues,
            utcOffsetSeconds: try c.decodeIfPresent(Int.self, forKey: .utcOffsetSeconds) ?? d.utcOffsetSeconds)
    }
}
