import CSQLite
import Foundation
import QuayBenchKit
import QuayControl
import QuayStore
import QuaySystem

// make bench: issue latency over the real socket beside a bare fsync'd SQLite insert on the same disk,
// measured in the same run (ratios matter more than absolute figures on noisy machines).

let env = ProcessInfo.processInfo.environment
let perClient = Int(env["QUAY_BENCH_ISSUES"] ?? "") ?? 400
let work = NSTemporaryDirectory() + "quay-bench-\(getpid())"
try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(atPath: work) }
// QUAY_BENCH_ONLY=printers: bytes per ticket alone (no quayd needed).
if env["QUAY_BENCH_ONLY"] == "printers" {
    print("== Printers: bytes per ticket")
    print(PrinterBench.report(PrinterBench.measure()), terminator: "")
    exit(0)
}
// QUAY_BENCH_ONLY=province: the province roll-up alone (a PostgreSQL 15 started for the run, no quayd).
if env["QUAY_BENCH_ONLY"] == "province" {
    print("== Province")
    print(try await ProvinceBench.run(), terminator: "")
    exit(0)
}
// QUAY_BENCH_ONLY=reports: the report figures alone (no quayd needed).
if env["QUAY_BENCH_ONLY"] == "reports" {
    print("== Reports")
    print(try await ReportBench.run(dir: work), terminator: "")
    try? FileManager.default.removeItem(atPath: work)
    exit(0)
}

// 1. Bare SQLite insert + commit, WAL, synchronous=FULL, one table kept across the interleaved rounds.
final class BareTable {
    let db: Database
    var next: Int64 = 0
    init() throws {
        db = try Database(path: work + "/bare-\(UUID().uuidString).sqlite")
        try db.exec(
            "CREATE TABLE t(id INTEGER PRIMARY KEY, day TEXT, service TEXT, seq INTEGER, number TEXT, issued REAL, UNIQUE(day, service, "
                + "seq))"
        )
    }
    func insert(_ n: Int) throws -> Samples {
        var s = Samples()
        for _ in 0..<n {
            next += 1
            let t0 = monotonicNanos()
            try db.exec("BEGIN IMMEDIATE")
            try db.run(
                "INSERT INTO t(day, service, seq, number, issued) VALUES(?1, ?2, ?3, ?4, ?5)",
                [.text("2026-11-25"), .text("hotich"), .int(next), .text("A\(next)"), .double(Date().timeIntervalSince1970)])
            try db.exec("COMMIT")
            s.add(monotonicNanos() - t0)
        }
        return s
    }
}

// 2. quayd from this build, timed from spawn to READY=1 (sd_notify).
let config = """
    [center]
    site = "bench"
    name_vi = "Bench"
    [[service]]
    id = "a"
    prefix = "A"
    name_vi = "A"
    range = [1, 999999]
    digits = 6
    [[service]]
    id = "b"
    prefix = "B"
    name_vi = "B"
    range = [1, 999999]
    digits = 6
    [[counter]]
    id = "q1"
    number = "1"
    services = ["a", "b"]
    [access]
    default_role = "admin"
    """
try config.write(toFile: work + "/quayd.toml", atomically: true, encoding: .utf8)
let notify = try NotifyReceiver(path: work + "/notify.sock")
let socketPath = work + "/control.sock"
let daemon = Process()
daemon.executableURL = URL(fileURLWithPath: binDir() + "/quayd")
daemon.arguments = ["run", "--config", work + "/quayd.toml", "--socket", socketPath, "--state-dir", work + "/state"]
var denv = env
denv["NOTIFY_SOCKET"] = notify.path
daemon.environment = denv
daemon.standardError = FileHandle(forWritingAtPath: "/dev/null")
let spawn = monotonicNanos()
try daemon.run()
guard notify.wait(for: "READY=1", timeoutMs: 30_000) != nil else { fatalError("quayd did not report READY=1") }
let readyMs = Double(monotonicNanos() - spawn) / 1_000_000
usleep(300_000)
let rssIdle = rssKiB(pid: daemon.processIdentifier)

func issueRun(clients: Int, each: Int, op: String = "issue") -> (Samples, Double) {
    let all = SampleBox()
    let group = DispatchGroup()
    let t0 = monotonicNanos()
    for i in 0..<clients {
        group.enter()
        Thread.detachNewThread {
            defer { group.leave() }
            var local = Samples()
            // Raw request lines and reply lines: the client's own JSON work is not the daemon's latency. Every
            // reply is checked (ok, this request's id) outside the timed span.
            let fd = try! UnixSocket.connect(path: socketPath)
            var reader = LineReader(fd: fd)
            let svc = i % 2 == 0 ? "a" : "b"
            for n in 0..<each {
                let line = Array(#"{"id":\#(n),"op":"\#(op)","service":"\#(svc)"}"#.utf8) + [0x0A]
                let s = monotonicNanos()
                try! fd.writeAll(line, stallTimeoutMs: 10_000)
                let reply = try! reader.nextLine(timeoutMs: 30_000)
                local.add(monotonicNanos() - s)
                let r = try? JSONDecoder().decode(JSONValue.self, from: Data((reply ?? "").utf8))
                precondition(r?["ok"]?.bool == true && r?["id"]?.number == Double(n), "\(op) failed: \(reply ?? "EOF")")
            }
            fd.close()
            all.merge(local)
        }
    }
    group.wait()
    let secs = Double(monotonicNanos() - t0) / 1e9
    return (all.value, Double(clients * each) / secs)
}

// Interleave bare and daemon runs in rounds so every figure sees the same disk, the same noise, the same minutes.
let bareTable = try BareTable()
let ledgerBench = try Breakdown.LedgerBench(dir: work)
_ = try bareTable.insert(50)
_ = issueRun(clients: 1, each: 50)
_ = try await ledgerBench.issue(50)
let rounds = 8, perRound = max(1, perClient / rounds)
var bare = Samples(), one = Samples(), ledgerOnly = Samples(), ping = Samples()
var oneSeconds = 0.0
for _ in 0..<rounds {
    bare = bare + (try bareTable.insert(perRound))
    let t0 = monotonicNanos()
    one = one + issueRun(clients: 1, each: perRound).0
    oneSeconds += Double(monotonicNanos() - t0) / 1e9
    ledgerOnly = ledgerOnly + (try await ledgerBench.issue(perRound))
    ping = ping + issueRun(clients: 1, each: perRound, op: "ping").0
}
let oneRate = Double(rounds * perRound) / oneSeconds
ledgerBench.close()
let json = Breakdown.json(2000)
let (eight, eightRate) = issueRun(clients: 8, each: perClient)
let bareRate = 1000 / max(bare.p50, 0.001)
let rssAfter = rssKiB(pid: daemon.processIdentifier)
daemon.terminate()
daemon.waitUntilExit()

print(
    "== Quay issue benchmark (\(perClient) issues per client, durable: WAL + synchronous=FULL; 1-client figures interleaved in "
        + "\(rounds) rounds)"
)
print("bare SQLite insert+commit     p50 \(ms(bare.p50))  p99 \(ms(bare.p99))  (~\(Int(bareRate)) commits/s)")
print("quayd issue, 1 client         p50 \(ms(one.p50))  p99 \(ms(one.p99))  \(Int(oneRate)) issues/s")
print("quayd issue, 8 clients        p50 \(ms(eight.p50))  p99 \(ms(eight.p99))  \(Int(eightRate)) issues/s")
print(
    "ledger issue in-process       p50 \(ms(ledgerOnly.p50))  p99 \(ms(ledgerOnly.p99))  (engine + writer thread + SQLite, no socket/JSON)")
print("quayd ping, 1 client          p50 \(ms(ping.p50))  p99 \(ms(ping.p99))  (socket + NIO + router, no store)")
print(
    "JSON per issue in-process     decode p50 \(ms(json.decode.p50)) p99 \(ms(json.decode.p99)); encode reply p50 "
        + "\(ms(json.encode.p50)) p99 \(ms(json.encode.p99))"
)
print(String(format: "ratio p99 quayd(1 client) / bare   %.2f   (target <= 1.5)", one.p99 / bare.p99))
print(String(format: "ratio p99 ledger in-process / bare   %.2f", ledgerOnly.p99 / bare.p99))
print(
    String(
        format: "ratio p99 ping / bare   %.2f   (the socket round trip alone, no store: what any socket daemon adds to the commit)",
        ping.p99 / bare.p99))
print(String(format: "ratio p50 quayd(1 client) / bare   %.2f", one.p50 / bare.p50))
print(String(format: "throughput 8 clients / bare commits/s   %.1fx   (target >= 2000 issues/s)", eightRate / bareRate))
print("start to READY=1              \(String(format: "%.0f", readyMs)) ms")
print("RSS idle after start          \(rssIdle / 1024) MiB (\(rssIdle) KiB); after \(perClient * 9) issues \(rssAfter / 1024) MiB")

// Devices (docs/performance.md "Printers" and "Counter boards"): bytes per ticket, and call -> frame on the wire
// over a pty (QUAY_BENCH_BOARD_SAMPLES, default 200; 0 skips it).
print("\n== Printers: bytes per ticket")
print(PrinterBench.report(PrinterBench.measure()), terminator: "")
let boardSamples = Int(env["QUAY_BENCH_BOARD_SAMPLES"] ?? "") ?? 200
if boardSamples > 0 {
    print("\n== Counter boards")
    print(try await BoardLatencyBench.run(samples: boardSamples, baud: 9600))
}
let voiceSamples = Int(env["QUAY_BENCH_VOICE_SAMPLES"] ?? "") ?? 200
if voiceSamples > 0 {
    print("\n== Voice")
    print(try VoiceBench.run(samples: voiceSamples, bin: binDir(), work: work))
}

// Reports (docs/performance.md "Reports"): QUAY_BENCH_REPORTS=0 skips them.
if env["QUAY_BENCH_REPORTS"] != "0" {
    print("\n== Reports")
    print(try await ReportBench.run(dir: work), terminator: "")
}

// Province (docs/performance.md "Province"): QUAY_BENCH_PROVINCE=0 skips it.
if env["QUAY_BENCH_PROVINCE"] != "0" {
    print("\n== Province")
    print(try await ProvinceBench.run(), terminator: "")
}
