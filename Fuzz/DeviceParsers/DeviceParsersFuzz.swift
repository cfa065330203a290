// libFuzzer target: the byte-level device decoders on arbitrary input, as if a device sent it: Modbus RTU replies
// (ModbusRTUParser, with line silences), ESC/POS real-time and automatic status (EscPosStatusParser), serial scan
// lines (ScanLineDecoder) and evdev key events from a keyboard-wedge scanner (KeyboardWedgeDecoder).
// Built by scripts/fuzz.sh with those files only. Fails (abort) on a crash, a broken bound and any single call
// slower than 50 ms of CPU.
import Foundation

private let check = FuzzTiming.check
private let require = FuzzTiming.require

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    _ = FuzzTiming.installExitReport()
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    var t = FuzzTiming.cpuNanos()

    // Modbus: the first byte picks where the line goes silent (a reply split by a gap).
    var modbus = ModbusRTUParser()
    let cut = bytes.isEmpty ? 0 : Int(bytes[0]) % (bytes.count + 1)
    for action in modbus.feed(bytes[..<cut]) + modbus.feed(bytes[cut...]) {
        if case .frame(let f) = action { _ = f }
    }
    require(modbus.pendingCount <= ModbusRTU.maxFrameLength, "modbus parser holds \(modbus.pendingCount) bytes")
    _ = modbus.silence()
    require(modbus.pendingCount == 0, "modbus parser not empty after silence")
    check("ModbusRTUParser", FuzzTiming.cpuNanos() - t, size)

    // ESC/POS status: three real-time answers expected, anything may arrive.
    t = FuzzTiming.cpuNanos()
    var status = EscPosStatusParser()
    for k in RealtimeStatusKind.allCases { status.expect(k) }
    var bits = PrinterStatusBits()
    for ev in status.feed(bytes) {
        switch ev {
        case .realtime(let k, let b): bits.apply(realtime: k, b)
        case .automatic(let blk): bits.apply(automatic: blk)
        }
    }
    _ = bits.condition
    require(status.outstanding >= 0 && status.outstanding <= RealtimeStatusKind.allCases.count, "status outstanding")
    check("EscPosStatusParser", FuzzTiming.cpuNanos() - t, size)

    // Serial scanner lines, with a small line limit so overflow is exercised.
    t = FuzzTiming.cpuNanos()
    var lines = ScanLineDecoder(maxLength: 64)
    for out in lines.feed(bytes) {
        if case .scan(let s) = out { require(s.utf8.count <= 64, "scan line of \(s.utf8.count) bytes") }
    }
    check("ScanLineDecoder", FuzzTiming.cpuNanos() - t, size)

    // Keyboard-wedge scanner: 4 bytes per evdev event (type, code low, code high, value).
    t = FuzzTiming.cpuNanos()
    var wedge = KeyboardWedgeDecoder(maxLength: 64)
    var i = 0
    while i + 4 <= bytes.count {
        let type = UInt16(bytes[i] % 5)
        let code = UInt16(bytes[i + 1]) | UInt16(bytes[i + 2] & 0x01) << 8
        let value = Int32(bytes[i + 3] % 3)
        if case .scan(let s)? = wedge.feed(type: type, code: code, value: value) {
            require(s.count <= 64, "wedge line of \(s.count) characters")
        }
        i += 4
    }
    check("KeyboardWedgeDecoder", FuzzTiming.cpuNanos() - t, size)
    return 0
}
