import Foundation
import QuayControl
import QuayCore
import Testing

/// docs/performance.md "Dossier import through the daemon": 200,000 generated rows imported with
/// `quayctl dossier import` through the socket, then `dossier-stats` for the month. Runs only with QUAY_BENCH=1
/// (point QUAY_BIN_DIR at a release build for the published figures).
@Suite struct DossierBenchmarkTests {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["QUAY_BENCH"] == "1"))
    func import200kThroughTheDaemon() throws {
        let d = try DaemonProcess()
        try d.start()
        let rows = Int(ProcessInfo.processInfo.environment["QUAY_BENCH_ROWS"] ?? "") ?? 200_000
        let (bytes, expected) = DossierSampleData.generate(rows: rows, seed: 2026, badRowEvery: 1000)
        let file = d.dir.file("export.csv")
        FileManager.default.createFile(atPath: file, contents: Data(bytes))
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binaries.quayctl)
        p.arguments = ["dossier", "import", file, "--socket", d.socket, "--json"]
        let out = Pipe()
        p.standardOutput = out
        let t0 = Date()
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let secs = Date().timeIntervalSince(t0)
        let r = try JSONDecoder().decode(JSONValue.self, from: data)
        let imported = Int(r["imported"]?.number ?? 0)
        #expect(imported == expected.rows - expected.badRows)
        #expect(r["rejected"] == .number(Double(expected.badRows)))
        let c = try d.client()
        var best = Double.infinity
        var total: JSONValue?
        var serverMs = Double.infinity
        for _ in 0..<3 {
            let s0 = Date()
            let s = try c.call("dossier-stats", ["args": .object(["from": .string("2026-11-01"), "to": .string("2026-11-30"),
                                                                  "today": .string("2026-11-20"), "period": .string("day")])])
            best = min(best, Date().timeIntervalSince(s0))
            total = s["total"]
            serverMs = min(serverMs, s["milliseconds"]?.number ?? .infinity)
        }
        #expect(total?["total"] == .number(Double(expected.counts.total)))
        print("BENCH import rows=\(rows) bytes=\(bytes.count) seconds=\(secs) rows/s=\(Int(Double(rows) / secs)) stats-ms=\(Int(best * 1000)) stats-server-ms=\(Int(serverMs))")
    }
}
