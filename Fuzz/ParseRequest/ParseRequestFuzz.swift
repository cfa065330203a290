// libFuzzer target: the control request parser (Wire.parseRequest, Wire.salvageID) on arbitrary bytes.
// Built by scripts/fuzz.sh together with Sources/QuayControl/Wire/*.swift and Sources/QuayCore/**/*.swift.
// Fails (abort) on a crash and on any single call slower than 50 ms.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

private let limitNanos: UInt64 = 50_000_000
nonisolated(unsafe) private var slowestNanos: UInt64 = 0
nonisolated(unsafe) private var reportInstalled = false

/// CPU time of this thread: the limit is about the work an input causes, not about other processes on a busy
/// machine (wall-clock time gave false "slow" reports under load).
private func cpuNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

private func report(_ text: String) {
    var text = text
    text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
}

/// Prints the slowest call and keeps the maximum over processes in $FUZZ_SLOWEST_FILE (libFuzzer's fork mode
/// runs several processes one after another).
private func reportSlowest(_ nanos: UInt64) {
    report("FUZZ-SLOWEST-US \(nanos / 1000)\n")
    guard let path = ProcessInfo.processInfo.environment["FUZZ_SLOWEST_FILE"] else { return }
    let old =
        (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { UInt64($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
    if nanos / 1000 > old { try? "\(nanos / 1000)\n".write(toFile: path, atomically: true, encoding: .utf8) }
}

private func check(_ what: String, _ nanos: UInt64, _ size: Int) {
    if nanos > slowestNanos { slowestNanos = nanos }
    if nanos > limitNanos {
        report("FUZZ-SLOW \(what) took \(nanos / 1_000_000) ms on a \(size)-byte input (limit 50 ms)\n")
        abort()
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    if !reportInstalled {
        reportInstalled = true
        atexit { reportSlowest(slowestNanos) }
        // Warm up (first use of JSONDecoder and the type metadata), so the time limit measures the input.
        _ = Wire.parseRequest(Array(#"{"id":1,"op":"ping"}"#.utf8))
        _ = Wire.salvageID(Array("{".utf8))
    }
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let t0 = cpuNanos()
    let parsed = Wire.parseRequest(bytes)
    let t1 = cpuNanos()
    check("Wire.parseRequest", t1 - t0, size)
    if case .failure = parsed {
        _ = Wire.salvageID(bytes)
        check("Wire.salvageID", cpuNanos() - t1, size)
    }
    return 0
}
