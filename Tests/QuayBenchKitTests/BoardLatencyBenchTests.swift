import Foundation
import Testing
import QuayBenchKit

@Suite("Board latency bench")
struct BoardLatencyBenchTests {
    @Test("call -> frame on the wire is measured over a pty (QUAY_BENCH_SAMPLES sets the sample count)")
    func bench() async throws {
        let samples = Int(ProcessInfo.processInfo.environment["QUAY_BENCH_SAMPLES"] ?? "") ?? 50
        let report = try await BoardLatencyBench.run(samples: samples, baud: 9600)
        print(report)
        #expect(report.toWireP50Micros > 0)
        #expect(report.toWireP50Micros <= report.roundTripP50Micros)
        #expect(abs(report.frameMicrosAtBaud - 8333.3) < 1)
        // A regression guard, not a benchmark (CI machines are shared): if a show waited for a timeout (1 s here)
        // or slept, the median would jump far above this.
        #expect(report.roundTripP50Micros < 250_000)
    }
}
