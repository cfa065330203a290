// Shared by the libFuzzer targets (scripts/fuzz.sh compiles it into each): CPU-time measurement and reporting.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

enum FuzzTiming {
    /// Any single call over this is a finding (the harness aborts): 50 ms, or $FUZZ_LIMIT_MS (scripts/fuzz.sh sets a
    /// larger one for the configuration reader, which runs at start and reload, not per request).
    static let limitNanos: UInt64 =
        (ProcessInfo.processInfo.environment["FUZZ_LIMIT_MS"].flatMap { UInt64($0) } ?? 50) * 1_000_000

    /// CPU time of this thread: the limit is about the work an input causes, not about other processes on a busy
    /// machine (wall-clock time gave false "slow" reports under load).
    static func cpuNanos() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }

    static func report(_ text: String) {
        var text = text
        text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }
    }

    /// Prints the slowest call and keeps the maximum over processes in $FUZZ_SLOWEST_FILE (libFuzzer's fork mode
    /// runs several processes one after another).
    static func reportSlowest(_ nanos: UInt64) {
        report("FUZZ-SLOWEST-US \(nanos / 1000)\n")
        guard let path = ProcessInfo.processInfo.environment["FUZZ_SLOWEST_FILE"] else { return }
        let old =
            (try? String(contentsOfFile: path, encoding: .utf8)).flatMap { UInt64($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 0
        if nanos / 1000 > old { try? "\(nanos / 1000)\n".write(toFile: path, atomically: true, encoding: .utf8) }
    }

    /// The slowest call of this process so far (reported at exit once `installExitReport()` ran).
    nonisolated(unsafe) static var slowestNanos: UInt64 = 0
    nonisolated(unsafe) private static var exitReportInstalled = false

    /// Reports the slowest call when the process exits; true on the first call (time to warm up).
    static func installExitReport() -> Bool {
        guard !exitReportInstalled else { return false }
        exitReportInstalled = true
        atexit { FuzzTiming.reportSlowest(FuzzTiming.slowestNanos) }
        return true
    }

    /// Records a call's CPU time; aborts (a finding) when it is over the limit.
    static func check(_ what: String, _ nanos: UInt64, _ size: Int) {
        if nanos > slowestNanos { slowestNanos = nanos }
        if nanos > limitNanos {
            report("FUZZ-SLOW \(what) took \(nanos / 1_000_000) ms on a \(size)-byte input (limit \(limitNanos / 1_000_000) ms)\n")
            abort()
        }
    }

    /// Aborts (a finding) when an invariant does not hold.
    static func require(_ ok: Bool, _ what: @autoclosure () -> String) {
        if !ok {
            report("FUZZ-INVARIANT \(what())\n")
            abort()
        }
    }
}
