/// The NDJSON framing of the control protocol as a plain state machine (no NIO, so it can be fuzzed alone):
/// feed bytes as they arrive, get complete lines.
///
/// - A line ends at "\n"; a "\r" before it is dropped.
/// - A line longer than `maxLength` bytes (counting that "\r") gives `.tooLong` once, and its bytes up to its
///   newline are discarded as they arrive: never more than `maxLength` bytes of one line are buffered.
/// - Each byte is scanned once, however many chunks a long line arrives in.
/// - `finish()` drops an unterminated last line (the client closed mid-request: there is nobody to answer).
public struct LineFramer: Sendable {
    public enum Frame: Sendable, Equatable {
        case line([UInt8])
        /// A line exceeded `maxLength`; its bytes were discarded.
        case tooLong
    }

    public let maxLength: Int
    /// The start of the current line (never more than `maxLength` bytes).
    private var partial: [UInt8] = []
    /// Inside a too-long line: dropping bytes up to its newline.
    private var discarding = false

    public init(maxLength: Int) { self.maxLength = max(0, maxLength) }

    /// Bytes of the current, unterminated line held now.
    public var bufferedCount: Int { partial.count }
    /// Whether the rest of a too-long line is being skipped.
    public var isDiscarding: Bool { discarding }

    /// Consumes `bytes` and returns the frames they complete, in order.
    public mutating func feed<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> [Frame] {
        var frames: [Frame] = []
        var i = bytes.startIndex
        while i != bytes.endIndex {
            let newline = bytes[i...].firstIndex(of: 0x0A)
            if discarding {
                guard let nl = newline else { return frames }
                discarding = false
                i = bytes.index(after: nl)
                continue
            }
            let end = newline ?? bytes.endIndex
            let length = partial.count + bytes.distance(from: i, to: end)
            if length > maxLength {
                frames.append(.tooLong)
                partial.removeAll(keepingCapacity: true)
                guard let nl = newline else {
                    discarding = true
                    return frames
                }
                i = bytes.index(after: nl)
                continue
            }
            partial.append(contentsOf: bytes[i..<end])
            guard let nl = newline else { return frames }
            if partial.last == 0x0D { partial.removeLast() }
            frames.append(.line(partial))
            partial.removeAll(keepingCapacity: true)
            i = bytes.index(after: nl)
        }
        return frames
    }

    /// The stream ended: drops an unterminated last line and any discarding state.
    public mutating func finish() {
        partial.removeAll()
        discarding = false
    }
}
