// libFuzzer target: LineFramer (the control protocol's NDJSON framing) fed in input-chosen chunks.
// Built by scripts/fuzz.sh with Sources/QuayControl/Wire/LineFramer.swift only.
// Input: byte 0 picks maxLength (0...255), byte 1 seeds the chunk sizes, the rest is the stream.
// Checks, for every input and chunking:
//   - the framer never holds more than maxLength bytes after a feed (so at most maxLength + chunk during one);
//   - the frames equal a one-shot reference: each complete line > maxLength (counting a trailing \r) -> .tooLong,
//     else the line without its trailing \r; an unterminated tail > maxLength -> .tooLong, else nothing;
//   - for input of short lines only, joining the lines with \n gives the input back;
//   - no single feed takes 50 ms or more (CPU time).
import Foundation
#if canImport(Glibc)
import Glibc
#endif

private let limitNanos = FuzzTiming.limitNanos
nonisolated(unsafe) private var slowestNanos: UInt64 = 0
nonisolated(unsafe) private var reportInstalled = false
private let cpuNanos = FuzzTiming.cpuNanos
private let report = FuzzTiming.report
private let reportSlowest = FuzzTiming.reportSlowest

private func fail(_ what: String) -> Never {
    report("FUZZ-INVARIANT \(what)\n")
    abort()
}

/// The framing rules applied to the whole stream at once.
private func reference(_ bytes: [UInt8], maxLength: Int) -> [LineFramer.Frame] {
    var out: [LineFramer.Frame] = []
    var start = 0
    for (i, b) in bytes.enumerated() where b == 0x0A {
        let line = Array(bytes[start..<i])
        if line.count > maxLength { out.append(.tooLong) } else { out.append(.line(line.last == 0x0D ? Array(line.dropLast()) : line)) }
        start = i + 1
    }
    if bytes.count - start > maxLength { out.append(.tooLong) }
    return out
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if !reportInstalled {
        reportInstalled = true
        atexit { reportSlowest(slowestNanos) }
    }
    guard size >= 2 else { return 0 }
    let maxLength = Int(data[0])
    var seed = UInt32(data[1]) &* 2_654_435_761 | 1
    let stream = Array(UnsafeBufferPointer(start: data + 2, count: size - 2))

    var framer = LineFramer(maxLength: maxLength)
    var frames: [LineFramer.Frame] = []
    var i = 0
    var slowest: UInt64 = 0
    while i < stream.count {
        seed ^= seed << 13
        seed ^= seed >> 17
        seed ^= seed << 5
        let chunk = min(stream.count - i, Int(seed % 300) + 1)
        let t0 = cpuNanos()
        frames += framer.feed(stream[i..<(i + chunk)])
        slowest = max(slowest, cpuNanos() - t0)
        if framer.bufferedCount > maxLength { fail("buffered \(framer.bufferedCount) > maxLength \(maxLength)") }
        i += chunk
    }
    if slowest > slowestNanos { slowestNanos = slowest }
    if slowest > limitNanos {
        report("FUZZ-SLOW one LineFramer.feed took \(slowest / 1_000_000) ms (input \(size) bytes)\n")
        abort()
    }

    if frames != reference(stream, maxLength: maxLength) { fail("frames differ from the one-shot reference (maxLength \(maxLength))") }
    if !stream.contains(0x0D), let lastNL = stream.lastIndex(of: 0x0A), !frames.contains(.tooLong) {
        var joined: [UInt8] = []
        for case .line(let l) in frames {
            joined += l
            joined.append(0x0A)
        }
        if joined != Array(stream[...lastNL]) { fail("joined lines do not reproduce the input") }
    }
    framer.finish()
    if framer.bufferedCount != 0 || framer.isDiscarding { fail("finish() left state behind") }
    return 0
}
