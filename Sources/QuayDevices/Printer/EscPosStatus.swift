/// Status bits a printer reported, merged from real-time replies (`DLE EOT n`) and automatic status blocks
/// (`GS a`). `nil` means "not reported yet".
public struct PrinterStatusBits: Sendable, Equatable {
    public var offline: Bool?
    public var coverOpen: Bool?
    public var paperNearEnd: Bool?
    public var paperOut: Bool?
    public var error: Bool?

    public init(offline: Bool? = nil, coverOpen: Bool? = nil, paperNearEnd: Bool? = nil, paperOut: Bool? = nil, error: Bool? = nil) {
        self.offline = offline
        self.coverOpen = coverOpen
        self.paperNearEnd = paperNearEnd
        self.paperOut = paperOut
        self.error = error
    }

    /// The most severe condition: paper out > cover open > offline/error > near end > ready.
    public var condition: PrinterCondition {
        if paperOut == true { return .paperOut }
        if coverOpen == true { return .coverOpen }
        if offline == true || error == true { return .offline }
        if paperNearEnd == true { return .paperNearEnd }
        return .ready
    }

    /// Applies one real-time status byte answering `DLE EOT kind`.
    public mutating func apply(realtime kind: RealtimeStatusKind, _ b: UInt8) {
        switch kind {
        case .printer:
            offline = b & 0x08 != 0
        case .offlineCause:
            coverOpen = b & 0x04 != 0
            // bit5: printing stopped because of paper end; bit6: error occurred.
            if b & 0x20 != 0 { paperOut = true }
            error = b & 0x40 != 0
        case .errorCause:
            // bit3 autocutter, bit5 unrecoverable, bit6 auto-recoverable (head temperature).
            error = b & 0x68 != 0
        case .paperSensor:
            paperNearEnd = b & 0x0C != 0
            paperOut = b & 0x60 != 0
        }
    }

    /// Applies a 4-byte automatic status block (Epson layout).
    public mutating func apply(automatic block: AutomaticStatusBlock) {
        let b = block.bytes
        offline = b.0 & 0x08 != 0
        coverOpen = b.0 & 0x20 != 0
        error = b.1 & 0x68 != 0
        paperNearEnd = b.2 & 0x03 != 0
        paperOut = b.2 & 0x0C != 0
    }
}

/// One `GS a` automatic status block.
public struct AutomaticStatusBlock: Sendable, Equatable {
    public let bytes: (UInt8, UInt8, UInt8, UInt8)
    public init(_ b0: UInt8, _ b1: UInt8, _ b2: UInt8, _ b3: UInt8) { bytes = (b0, b1, b2, b3) }
    public static func == (l: Self, r: Self) -> Bool { l.bytes == r.bytes }
}

/// Something the status parser recognised in the printer's reply stream.
public enum EscPosStatusEvent: Sendable, Equatable {
    /// The byte answering the oldest outstanding `DLE EOT kind` request.
    case realtime(RealtimeStatusKind, UInt8)
    case automatic(AutomaticStatusBlock)
}

/// Byte-stream state machine for printer replies.
///
/// - A real-time status byte has the fixed pattern `0xx1xx10` (bit0=0, bit1=1, bit4=1, bit7=0). It is only
///   accepted while a `DLE EOT` request is outstanding (`expect(_:)`), and is attributed to the oldest one.
/// - An automatic status block is 4 bytes: the first matches `0xx1xx00`, the next three `0xx0xxxx`.
/// - Anything else (line noise, XON/XOFF, a block cut short, unsolicited real-time bytes) is skipped and
///   counted in `garbageBytes`; it never changes the status.
public struct EscPosStatusParser: Sendable {
    private enum State: Sendable { case idle, block([UInt8]) }
    private var state: State = .idle
    private var pending: [RealtimeStatusKind] = []
    public private(set) var garbageBytes: Int = 0

    public init() {}

    /// Registers that a `DLE EOT kind` request was sent; the next real-time byte answers it.
    public mutating func expect(_ kind: RealtimeStatusKind) { pending.append(kind) }

    /// Requests sent but not answered yet.
    public var outstanding: Int { pending.count }

    /// Forgets outstanding requests (after a timeout) and any partial block.
    public mutating func reset() {
        pending.removeAll()
        if case .block(let got) = state { garbageBytes += got.count }
        state = .idle
    }

    public mutating func feed<S: Sequence>(_ bytes: S) -> [EscPosStatusEvent] where S.Element == UInt8 {
        var events: [EscPosStatusEvent] = []
        for b in bytes { step(b, into: &events) }
        return events
    }

    private mutating func step(_ b: UInt8, into events: inout [EscPosStatusEvent]) {
        switch state {
        case .idle:
            if b & 0x93 == 0x10 {
                state = .block([b])
            } else if b & 0x93 == 0x12, !pending.isEmpty {
                events.append(.realtime(pending.removeFirst(), b))
            } else {
                garbageBytes += 1
            }
        case .block(var got):
            guard b & 0x90 == 0x00 else {
                // The block was cut short: drop what we had and look at this byte afresh.
                garbageBytes += got.count
                state = .idle
                step(b, into: &events)
                return
            }
            got.append(b)
            if got.count == 4 {
                events.append(.automatic(AutomaticStatusBlock(got[0], got[1], got[2], got[3])))
                state = .idle
            } else {
                state = .block(got)
            }
        }
    }
}
