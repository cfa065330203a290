import Foundation
import Testing
@testable import QuayDevices

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
        // Generous bound for a shared CI machine: the software path must stay far below a frame time at 9600 baud
        // plus the response timeout.
        #expect(report.roundTripP99Micros < 150_000)
    }
}
