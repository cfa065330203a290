import Foundation
import QuaySystem

/// Latency samples in nanoseconds.
struct Samples {
    var ns: [UInt64] = []
    mutating func add(_ v: UInt64) { ns.append(v) }
    func percentile(_ p: Double) -> Double {
        guard !ns.isEmpty else { return .nan }
        let s = ns.sorted()
        let i = min(s.count - 1, Int((Double(s.count) * p).rounded(.up)) - 1)
        return Double(s[max(0, i)]) / 1_000_000
    }
    var p50: Double { percentile(0.50) }
    var p99: Double { percentile(0.99) }
    static func + (a: Samples, b: Samples) -> Samples { Samples(ns: a.ns + b.ns) }
}

func ms(_ v: Double) -> String { String(format: "%.3f ms", v) }

func binDir() -> String {
    if let d = ProcessInfo.processInfo.environment["QUAY_BIN_DIR"] { return d }
    return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().path
}

func rssKiB(pid: Int32) -> Int {
    guard let s = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return -1 }
    for line in s.split(separator: "\n") where line.hasPrefix("VmRSS:") {
        return Int(line.split(separator: " ").dropFirst().first ?? "") ?? -1
    }
    return -1
}

final class SampleBox: @unchecked Sendable {
    private let lock = NSLock()
    private var s = Samples()
    func merge(_ o: Samples) {
        lock.lock()
        s = s + o
        lock.unlock()
    }
    var value: Samples {
        lock.lock()
        defer { lock.unlock() }
        return s
    }
}
