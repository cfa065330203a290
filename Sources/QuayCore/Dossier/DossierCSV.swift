/// Something wrong with one CSV record's syntax. The record is still delivered (so the importer can report it
/// against its line) and parsing goes on with the next one.
public enum CSVIssue: Sendable, Equatable, CustomStringConvertible {
    /// The file ended inside a quoted field.
    case unterminatedQuote
    /// Characters after a closing quote, e.g. `"abc"x,` (kept literally).
    case textAfterClosingQuote(field: Int)
    /// The record exceeded the reader's byte limit; the excess was dropped.
    case recordTooLong(limit: Int)

    public var description: String {
        switch self {
        case .unterminatedQuote: "quoted field is never closed"
        case .textAfterClosingQuote(let f): "text after the closing quote in field \(f + 1)"
        case .recordTooLong(let l): "record longer than \(l) bytes"
        }
    }
}

/// One CSV record: unescaped field bytes laid end to end, with the end offset of each field. Fields are
/// decoded only when asked, so the importer pays for the columns it maps and nothing else.
public struct CSVRecord: Sendable, Equatable {
    public internal(set) var bytes: [UInt8] = []
    public internal(set) var ends: [Int] = []
    /// 1-based physical line where the record starts (records may span lines inside quotes).
    public internal(set) var line = 1
    /// 0-based record number, counting the header and skipping empty lines.
    public internal(set) var index = 0
    public internal(set) var issue: CSVIssue?

    public init() {}

    public var count: Int { ends.count }

    /// Calls `body` with field `i`'s raw bytes (empty for a missing field).
    @inlinable
    public func withField<R>(_ i: Int, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        guard i >= 0 && i < ends.count else { return try body(UnsafeBufferPointer(start: nil, count: 0)) }
        let start = i == 0 ? 0 : ends[i - 1]
        return try bytes.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[start..<ends[i]])) }
    }

    /// Field `i` as text; invalid UTF-8 is replaced with U+FFFD. Use `validField` to refuse it instead.
    public func field(_ i: Int) -> String { withField(i) { String(decoding: $0, as: UTF8.self) } }

    /// Field `i` as text, or nil if it is not valid UTF-8.
    public func validField(_ i: Int) -> String? { withField(i) { String(validating: $0, as: UTF8.self) } }

    public var fields: [String] { (0..<count).map(field) }
}

/// RFC 4180 CSV as a byte state machine: quoted fields, `""` escapes, delimiters and newlines inside quotes,
/// CRLF / LF / lone CR line ends, a UTF-8 byte-order mark, empty lines skipped. Streaming: feed chunks of any
/// size (a split CRLF, quote pair or BOM across chunks is fine) and get each record as soon as it ends.
/// Lenient where the data is still unambiguous: a `"` inside an unquoted field is literal.
public struct CSVReader: Sendable {
    enum State: UInt8, Sendable { case fieldStart, unquoted, quoted, quoteInQuoted, afterCR }

    public let delimiter: UInt8
    public let maxRecordBytes: Int
    private var state = State.fieldStart
    private var record = CSVRecord()
    private var quotedSeen = false
    private var line = 1
    private var lastWasCR = false
    private var nextIndex = 0
    /// Bytes held back at the very start until we know whether they are a BOM.
    private var head: [UInt8] = []
    private var started = false

    public init(delimiter: UInt8 = UInt8(ascii: ","), maxRecordBytes: Int = 1 << 20) {
        self.delimiter = delimiter
        self.maxRecordBytes = maxRecordBytes
    }

    public mutating func feed(_ chunk: [UInt8], _ onRecord: (CSVRecord) throws -> Void) rethrows {
        try chunk.withUnsafeBufferPointer { try feed($0, onRecord) }
    }

    public mutating func feed(_ chunk: UnsafeBufferPointer<UInt8>, _ onRecord: (CSVRecord) throws -> Void) rethrows {
        if !started {
            head.append(contentsOf: chunk)
            let bom: [UInt8] = [0xEF, 0xBB, 0xBF]
            if head.count < 3 && bom.starts(with: head) { return }
            started = true
            let h = head
            head = []
            let skip = h.starts(with: bom) ? 3 : 0
            try h.withUnsafeBufferPointer { try run(UnsafeBufferPointer(rebasing: $0[skip...]), onRecord) }
            return
        }
        try run(chunk, onRecord)
    }

    /// Ends the input: delivers the last record if the file does not end with a newline.
    public mutating func finish(_ onRecord: (CSVRecord) throws -> Void) rethrows {
        if !started {
            started = true
            let h = head
            head = []
            try h.withUnsafeBufferPointer { try run($0, onRecord) }
        }
        switch state {
        case .fieldStart, .afterCR:
            if record.ends.isEmpty { return }
            try endRecord(onRecord)
        case .quoted:
            if record.issue == nil { record.issue = .unterminatedQuote }
            try endRecord(onRecord)
        case .unquoted, .quoteInQuoted:
            try endRecord(onRecord)
        }
    }

    private mutating func endField() {
        if record.bytes.count > maxRecordBytes {
            record.bytes.removeSubrange(maxRecordBytes...)
            if record.issue == nil { record.issue = .recordTooLong(limit: maxRecordBytes) }
        }
        record.ends.append(record.bytes.count)
    }

    private mutating func endRecord(_ onRecord: (CSVRecord) throws -> Void) rethrows {
        endField()
        let empty = record.ends.count == 1 && record.ends[0] == 0 && !quotedSeen
        if !empty {
            record.index = nextIndex
            nextIndex += 1
            try onRecord(record)
        }
        record.bytes.removeAll(keepingCapacity: true)
        record.ends.removeAll(keepingCapacity: true)
        record.issue = nil
        record.line = line
        quotedSeen = false
        state = .fieldStart
    }

    private mutating func run(_ b: UnsafeBufferPointer<UInt8>, _ onRecord: (CSVRecord) throws -> Void) rethrows {
        let delim = delimiter
        let quote = UInt8(ascii: "\""), cr: UInt8 = 0x0D, lf: UInt8 = 0x0A
        var i = 0
        let n = b.count
        while i < n {
            let c = b[i]
            // Physical line counting: CR, LF and CRLF each end one line.
            if c == lf { if !lastWasCR { line += 1 } } else if c == cr { line += 1 }
            lastWasCR = c == cr
            switch state {
            case .afterCR:
                state = .fieldStart
                if c == lf {
                    i += 1
                    continue
                }
                fallthrough
            case .fieldStart:
                if c == quote {
                    state = .quoted
                    quotedSeen = true
                } else if c == delim {
                    endField()
                } else if c == cr {
                    try endRecord(onRecord)
                    state = .afterCR
                } else if c == lf {
                    try endRecord(onRecord)
                } else {
                    record.bytes.append(c)
                    state = .unquoted
                }
            case .unquoted:
                if c == delim {
                    endField()
                    state = .fieldStart
                } else if c == cr {
                    try endRecord(onRecord)
                    state = .afterCR
                } else if c == lf {
                    try endRecord(onRecord)
                } else {
                    // Fast path: copy the run of ordinary bytes at once.
                    var j = i + 1
                    while j < n {
                        let d = b[j]
                        if d == delim || d == cr || d == lf { break }
                        j += 1
                    }
                    record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<j]))
                    i = j
                    continue
                }
            case .quoted:
                if c == quote {
                    state = .quoteInQuoted
                } else if c == cr || c == lf {
                    record.bytes.append(c)
                    if record.bytes.count > maxRecordBytes {
                        record.bytes.removeSubrange(maxRecordBytes...)
                        if record.issue == nil { record.issue = .recordTooLong(limit: maxRecordBytes) }
                    }
                } else {
                    var j = i + 1
                    while j < n {
                        let d = b[j]
                        if d == quote || d == cr || d == lf { break }
                        j += 1
                    }
                    record.bytes.append(contentsOf: UnsafeBufferPointer(rebasing: b[i..<j]))
                    i = j
                    continue
                }
            case .quoteInQuoted:
                if c == quote {
                    record.bytes.append(quote)
                    state = .quoted
                } else if c == delim {
                    endField()
                    state = .fieldStart
                } else if c == cr {
                    try endRecord(onRecord)
                    state = .afterCR
                } else if c == lf {
                    try endRecord(onRecord)
                } else {
                    if record.issue == nil { record.issue = .textAfterClosingQuote(field: record.ends.count) }
                    record.bytes.append(c)
                    state = .unquoted
                }
            }
            i += 1
        }
    }

    /// Parses a whole document (tests, small files).
    public static func parse(_ text: String, delimiter: UInt8 = UInt8(ascii: ",")) -> [CSVRecord] {
        var r = CSVReader(delimiter: delimiter)
        var out: [CSVRecord] = []
        r.feed(Array(text.utf8)) { out.append($0) }
        r.finish { out.append($0) }
        return out
    }
}
