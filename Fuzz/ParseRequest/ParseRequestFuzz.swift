// libFuzzer target: the control request parser (Wire.parseRequest, Wire.salvageID) on arbitrary bytes.
// Built by scripts/fuzz.sh together with Sources/QuayControl/Wire/*.swift and Sources/QuayCore/**/*.swift.
// Fails (abort) on a crash and on any single call slower than 50 ms.
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
