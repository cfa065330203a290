/// One refused CSV row (or one bad value in it). A row can produce several errors; any error rejects the row.
public struct RowError: Sendable, Equatable, Codable, CustomStringConvertible {
    /// 1-based physical line where the record starts.
    public var line: Int
    /// Header text of the column, or "#n" (1-based) without a header; nil for errors about the whole row.
    public var column: String?
    /// Stable code: csv-syntax, missing-value, invalid-receipt-code, invalid-date, unknown-status,
    /// unknown-return-channel, invalid-phone, invalid-utf8, value-too-long, duplicate-receipt-code,
    /// receipt-code-exists, returned-without-date, appointment-before-receipt.
    public var code: String
    public var message: String

    public init(line: Int, column: String?, code: String, message: String) {
        self.line = line
        self.column = column
        self.code = code
        self.message = message
    }

    public var description: String { "line \(line)" + (column.map { ", column \($0)" } ?? "") + ": \(code): \(message)" }
}

public struct DossierImportResult: Sendable {
    public var dossiers: [Dossier] = []
    public var errors: [RowError] = []
    /// The file could not be read at all (mapping does not fit the header); no rows were imported.
    public var fileProblem: ResolvedCSVMapping.Problem?
    /// Data rows seen (header and empty lines excluded).
    public var rowsRead = 0
    public var rowsRejected = 0
    /// More errors happened than `maxErrors`; the rest were counted in `rowsRejected` but not listed.
    public var errorsTruncated = false
    /// Next free dossier sequence after the ids given to `dossiers`.
    public var nextSeq: Int64 = 1
}

/// Validates a provincial CSV export row by row into dossiers. A bad row never aborts the rest: every row is
/// checked, every problem is listed with its line and column, and the good rows come back ready to store.
/// Streaming: `feed` chunks as they are read, then `finish`. Valid rows get ids `<site>-D<firstSeq…>` in file order.
/// Within the file the first occurrence of a receipt code wins; later ones are `duplicate-receipt-code`.
public struct DossierImporter: Sendable {
    public let mapping: CSVColumnMapping
    public let site: SiteID
    public let maxErrors: Int
    /// Added to every reported line (in `RowError.line` and in messages that name another line): a chunk of a
    /// larger file, sent with the file's header, reports the file's lines.
    public let lineOffset: Int
    private var reader: CSVReader
    private var resolved: ResolvedCSVMapping?
    private var header: [String]?
    private var seen: [String: Int] = [:]
    private let existing: Set<String>
    private var result = DossierImportResult()
    private var seq: Int64

    /// `existingReceiptCodes`: codes already in the store (refused as `receipt-code-exists`).
    /// `expectedRows`: a size hint (e.g. file size / 150) that saves re-hashing while the duplicate table grows.
    public init(
        mapping: CSVColumnMapping, site: SiteID, firstSeq: Int64, existingReceiptCodes: Set<String> = [], maxErrors: Int = 10_000,
        expectedRows: Int = 0, lineOffset: Int = 0
    ) {
        self.mapping = mapping
        self.lineOffset = lineOffset
        self.site = site
        self.maxErrors = maxErrors
        self.reader = CSVReader(delimiter: mapping.delimiterByte ?? UInt8(ascii: ","))
        self.existing = existingReceiptCodes
        self.seq = firstSeq
        if expectedRows > 0 {
            seen.reserveCapacity(expectedRows)
            result.dossiers.reserveCapacity(expectedRows)
        }
        if mapping.delimiterByte == nil { result.fileProblem = .invalidDelimiter(mapping.delimiter) }
        if !mapping.hasHeader { resolve(header: nil) }
    }

    public mutating func feed(_ chunk: [UInt8]) { chunk.withUnsafeBufferPointer { feed($0) } }

    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>) {
        guard result.fileProblem == nil else { return }
        var r = reader
        r.feed(chunk) { handle($0) }
        reader = r
    }

    public mutating func finish() -> DossierImportResult {
        if result.fileProblem == nil {
            var r = reader
            r.finish { handle($0) }
            reader = r
        }
        result.nextSeq = seq
        return result
    }

    /// Whole-file convenience.
    public static func importCSV(
        _ bytes: [UInt8], mapping: CSVColumnMapping, site: SiteID, firstSeq: Int64,
        existingReceiptCodes: Set<String> = [], lineOffset: Int = 0
    ) -> DossierImportResult {
        var imp = DossierImporter(
            mapping: mapping, site: site, firstSeq: firstSeq, existingReceiptCodes: existingReceiptCodes,
            expectedRows: bytes.count / 150, lineOffset: lineOffset)
        imp.feed(bytes)
        return imp.finish()
    }

    private mutating func resolve(header: [String]?) {
        do {
            resolved = try ResolvedCSVMapping(mapping, header: header)
            self.header = header
        } catch {
            result.fileProblem = error
        }
    }

    private mutating func handle(_ rec: CSVRecord) {
        guard result.fileProblem == nil else { return }
        guard let m = resolved else {
            resolve(header: rec.fields.map { $0.trimmingWhitespace })
            return
        }
        result.rowsRead += 1
        let line = rec.line + lineOffset
        var row = RowParse(rec: rec, m: m, header: header, line: line)
        let d = row.dossier(id: site.dossierID(seq), site: site.rawValue)
        var errors = row.errors
        if let d {
            if !existing.isEmpty && existing.contains(d.receiptCode) {
                errors.append(
                    RowError(
                        line: line, column: row.columnName(.receiptCode), code: "receipt-code-exists",
                        message: "receipt code \(d.receiptCode) is already registered"))
            } else if let first = seen[d.receiptCode] {
                errors.append(
                    RowError(
                        line: line, column: row.columnName(.receiptCode), code: "duplicate-receipt-code",
                        message: "receipt code \(d.receiptCode) already appears on line \(first)"))
            }
        }
        if errors.isEmpty, let d {
            seen[d.receiptCode] = line
            result.dossiers.append(d)
            seq += 1
        } else {
            result.rowsRejected += 1
            for e in errors {
                if result.errors.count < maxErrors { result.errors.append(e) } else { result.errorsTruncated = true }
            }
        }
    }
}

/// Reads one record's mapped fields, collecting every error.
struct RowParse {
    typealias Field = CSVColumnMapping.Field
    let rec: CSVRecord
    let m: ResolvedCSVMapping
    let header: [String]?
    /// The line reported for this record (its physical line plus the importer's `lineOffset`).
    let line: Int
    var errors: [RowError] = []

    init(rec: CSVRecord, m: ResolvedCSVMapping, header: [String]?, line: Int? = nil) {
        self.rec = rec
        self.m = m
        self.header = header
        self.line = line ?? rec.line
    }

    func columnName(_ f: Field) -> String? {
        guard let i = m.index(f) else { return nil }
        if let h = header, i < h.count, !h[i].isEmpty { return h[i] }
        return "#\(i + 1)"
    }

    mutating func fail(_ f: Field?, _ code: String, _ msg: String) {
        errors.append(RowError(line: line, column: f.flatMap(columnName), code: code, message: msg))
    }

    /// Trimmed text of a mapped field; nil if unmapped or empty. Reports invalid UTF-8 and overlong values.
    mutating func text(_ f: Field, required: Bool = false, maxLength: Int = 500) -> String? {
        guard let i = m.index(f) else { return nil }
        if i >= rec.count {
            if required { fail(f, "missing-value", "\(f.rawValue) is missing: the row has only \(rec.count) columns") }
            return nil
        }
        let s: String?? = rec.withField(i) { b in
            var lo = 0, hi = b.count
            while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
            while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 || b[hi - 1] == 0x0D || b[hi - 1] == 0x0A { hi -= 1 }
            if lo == hi { return .some(nil) }
            guard let v = String(validating: UnsafeBufferPointer(rebasing: b[lo..<hi]), as: UTF8.self) else { return nil }
            return .some(v.trimmingWhitespace)
        }
        guard let inner = s else {
            fail(f, "invalid-utf8", "\(f.rawValue) is not valid UTF-8 text (save the export as UTF-8)")
            return nil
        }
        guard let v = inner, !v.isEmpty else {
            if required { fail(f, "missing-value", "\(f.rawValue) is empty") }
            return nil
        }
        if v.utf8.count > maxLength && (v.utf8.count > maxLength * 4 || v.unicodeScalars.count > maxLength) {
            fail(f, "value-too-long", "\(f.rawValue) is longer than \(maxLength) characters")
            return nil
        }
        return v
    }

    /// A mapped date/time field parsed with the configured formats, without decoding to String on success.
    mutating func time(_ f: Field, required: Bool) -> DateTimePattern.Value? {
        guard let i = m.index(f) else { return nil }
        if i >= rec.count {
            if required { fail(f, "missing-value", "\(f.rawValue) is missing: the row has only \(rec.count) columns") }
            return nil
        }
        let v: DateTimePattern.Value?? = rec.withField(i) { b in
            var lo = 0, hi = b.count
            while lo < hi, b[lo] == 0x20 || b[lo] == 0x09 { lo += 1 }
            while hi > lo, b[hi - 1] == 0x20 || b[hi - 1] == 0x09 { hi -= 1 }
            if lo == hi { return .some(nil) }
            return DateTimePattern.firstMatch(m.patterns, UnsafeBufferPointer(rebasing: b[lo..<hi])).map { .some($0) }
        }
        switch v {
        case .some(.some(let val)): return val
        case .some(.none):
            if required { fail(f, "missing-value", "\(f.rawValue) is empty") }
            return nil
        case .none:
            let formats = m.patterns.map(\.description).joined(separator: ", ")
            fail(f, "invalid-date", "\(f.rawValue) '\(rec.field(i).trimmingWhitespace)' matches none of the formats \(formats)")
            return nil
        }
    }

    mutating func dossier(id: String, site: String) -> Dossier? {
        if let issue = rec.issue { fail(nil, "csv-syntax", issue.description) }
        var code: String?
        if let raw = text(.receiptCode, required: true, maxLength: ReceiptCode.maxLength * 2) {
            do { code = try ReceiptCode.normalize(raw) } catch {
                fail(.receiptCode, "invalid-receipt-code", "receipt code '\(raw)': \(error)")
            }
        }
        let procedure = text(.procedure, required: true, maxLength: 100)
        let procedureName = text(.procedureName, maxLength: 500)
        let service = text(.service, maxLength: 64)
        let received = time(.receivedAt, required: true)
        let appointment = time(.appointmentDate, required: true)
        var status = DossierStatus.received
        if let s = text(.status, maxLength: 100) {
            if let st = m.status(s) { status = st } else { fail(.status, "unknown-status", "status '\(s)' is not in the status mapping") }
        }
        let changed = time(.statusChangedAt, required: false)
        let returned = time(.returnedAt, required: false)
        let name = text(.citizenName, required: true, maxLength: 200)
        var phone: String?
        if let p = text(.phone, maxLength: 40) {
            if let n = PhoneNumber.normalize(p) {
                phone = n
            } else {
                fail(.phone, "invalid-phone", "phone '\(p)' is not a Vietnamese phone number")
            }
        }
        var channel = ReturnChannel.atCenter
        if let c = text(.returnChannel, maxLength: 100) {
            if let ch = m.channel(c) {
                channel = ch
            } else {
                fail(.returnChannel, "unknown-return-channel", "return channel '\(c)' is not in the channel mapping")
            }
        }
        let counter = text(.counter, maxLength: 64)
        let clerk = text(.clerk, maxLength: 100)
        let note = text(.note, maxLength: 2000)
        let off = m.utcOffsetSeconds
        if status == .returned && returned == nil && changed == nil {
            let f: Field = m.index(.returnedAt) != nil ? .returnedAt : .status
            fail(f, "returned-without-date", "status is returned but the return date is empty or not mapped")
        }
        if let r = received, let a = appointment, a.date < r.date {
            fail(.appointmentDate, "appointment-before-receipt", "appointment date \(a.date) is before the receipt date \(r.date)")
        }
        guard errors.isEmpty, let code, let procedure, let r = received, let a = appointment, let name else { return nil }
        let receivedAt = r.epochSeconds(utcOffsetSeconds: off)
        let returnedAt = status == .returned ? (returned ?? changed)?.epochSeconds(utcOffsetSeconds: off) : nil
        return Dossier(
            id: id, receiptCode: code, procedure: procedure, procedureName: procedureName ?? procedure, service: service,
            receivedAt: receivedAt, receivedSite: site, receivedCounter: counter, clerk: clerk, appointmentDate: a.date,
            status: status, statusChangedAt: changed?.epochSeconds(utcOffsetSeconds: off) ?? returnedAt ?? receivedAt,
            returnedAt: returnedAt, citizenName: name, citizenPhone: phone, returnChannel: channel, note: note)
    }
}
