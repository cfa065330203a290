import QuaySystem

/// Blocking status exchange over a transport: sends `DLE EOT 1`, `DLE EOT 2`, `DLE EOT 4` and waits (bounded)
/// for the three answers, feeding everything read through `EscPosStatusParser`.
public enum PrinterStatusQuery {
    public static let kinds: [RealtimeStatusKind] = [.printer, .offlineCause, .paperSensor]

    /// Returns the merged status bits, or throws `.stalled` when the printer does not answer in `timeoutMs`.
    public static func run(_ t: any PrinterTransport, timeoutMs: Int32) throws(PrinterIOError) -> PrinterStatusBits {
        t.discardInput()
        var parser = EscPosStatusParser()
        var request: [UInt8] = []
        for k in kinds {
            parser.expect(k)
            request += EscPos.realtimeStatus(k)
        }
        try t.write(request, stallTimeoutMs: timeoutMs)
        var bits = PrinterStatusBits()
        let deadline = monotonicNanos() + UInt64(max(1, timeoutMs)) * 1_000_000
        while parser.outstanding > 0 {
            let now = monotonicNanos()
            guard now < deadline else { throw .stalled(written: 0) }
            let got = try t.read(max: 64, timeoutMs: Int32((deadline - now) / 1_000_000) + 1)
            for ev in parser.feed(got) {
                switch ev {
                case .realtime(let k, let b): bits.apply(realtime: k, b)
                case .automatic(let blk): bits.apply(automatic: blk)
                }
            }
        }
        return bits
    }
}
