import Foundation
import QuayControl
import QuayCore
import Testing

/// docs/performance.md "Dossier import through the daemon": 200,000 generated rows imported with
/// `quayctl dossier import` through the socket while another client issues a ticket every 20 ms (how long queue
/// operations wait behind import transactions), then `dossier-stats` for the month; quayd's peak RSS (VmHWM).
/// Runs only with QUAY_BENCH=1 (point QUAY_BIN_DIR at a release build for the published figures).
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
        // QUAY_BENCH_CHUNK_ROWS / _BYTES: request size (quayctl's defaults otherwise), to weigh import speed against
        // how long an issue can wait behind one import transaction.
        if let n = ProcessInfo.processInfo.environment["QUAY_BENCH_CHUNK_ROWS"] { p.arguments! += ["--chunk-rows", n] }
        if let n = ProcessInfo.processInfo.environment["QUAY_BENCH_CHUNK_BYTES"] { p.arguments! += ["--chunk-bytes", n] }
        let out = Pipe()
        p.standardOutput = out
        // Ticket issues during the import, each timed from request to durable reply.
        let socket = d.socket
        let done = ManagedFlag()
        let latencies = LatencyLog()
        let thread = Thread {
            defer { done.finish() }
            guard let issuer = try? ControlClient(path: socket) else { return latencies.failed() }
            while !done.isSet {
                let s0 = DispatchTime.now().uptimeNanoseconds
                guard (try? issuer.issue()) != nil else {
                    latencies.failed()
                    break
                }
                latencies.add(Double(DispatchTime.now().uptimeNanoseconds - s0) / 1e6)
                usleep(20_000)
            }
        }
        let t0 = Date()
        try p.run()
        thread.start()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let secs = Date().timeIntervalSince(t0)
        done.set()
        done.waitFinished()
        #expect(latencies.failures == 0)
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
            let s = try c.call(
                "dossier-stats",
                [
                    "args": .object([
                        "from": .string("2026-11-01"), "to": .string("2026-11-30"),
                        "today": .string("2026-11-20"), "period": .string("day"),
                    ])
                ])
            best = min(best, Date().timeIntervalSince(s0))
            total = s["total"]
            serverMs = min(serverMs, s["milliseconds"]?.number ?? .infinity)
        }
        #expect(total?["total"] == .number(Double(expected.counts.total)))
        let status = (try? String(contentsOfFile: "/proc/\(d.process.processIdentifier)/status", encoding: .utf8)) ?? ""
        let hwm =
            status.split(separator: "\n").first { $0.hasPrefix("VmHWM:") }.map {
                $0.split(separator: " ", omittingEmptySubsequences: true).dropFirst().joined(separator: " ")
            } ?? "?"
        let l = latencies.sorted
        print(
            "BENCH import rows=\(rows) bytes=\(bytes.count) seconds=\(secs) rows/s=\(Int(Double(rows) / secs)) "
                + "stats-ms=\(Int(best * 1000)) "
                + "stats-server-ms=\(Int(serverMs)) quayd-VmHWM=\(hwm) issues-during-import=\(l.count) "
                + "issue-ms-p50=\(l.isEmpty ? 0 : l[l.count / 2]) p99=\(l.isEmpty ? 0 : l[min(l.count - 1, l.count * 99 / 100)]) "
                + "max=\(l.last ?? 0)"
        )
    }
}

/// A stop flag shared with the issuing thread, and a signal that it has stopped.
final class ManagedFlag: @unchecked Sendable {
    private let cond = NSCondition()
    private var stop = false, finished = false
    var isSet: Bool {
        cond.lock()
        defer { cond.unlock() }
        return stop
    }
    func set() {
        cond.lock()
        stop = true
        cond.unlock()
    }
    func finish() {
        cond.lock()
        finished = true
        cond.broadcast()
        cond.unlock()
    }
    func waitFinished() {
        cond.lock()
        while !finished { cond.wait() }
        cond.unlock()
    }
}

/// Milliseconds per issue, in the order they happened.
final class LatencyLog: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [Double] = []
    private(set) var failures = 0
    func add(_ ms: Double) {
        lock.lock()
        values.append(ms)
        lock.unlock()
    }
    func failed() {
        lock.lock()
        failures += 1
        lock.unlock()
    }
    var sorted: [Double] {
        lock.lock()
        defer { lock.unlock() }
        return values.sorted()
    }
}
