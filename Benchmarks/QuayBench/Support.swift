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

/// A datagram socket standing in for systemd's NOTIFY_SOCKET, to time READY=1.
final class NotifyListener {
    let path: String
    let fd: Int32
    init(path: String) {
        self.path = path
        unlink(path)
        fd = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue), 0)
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in raw.copyBytes(from: bytes); raw[bytes.count] = 0 }
        _ = withUnsafePointer(to: &addr) { p in p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) } }
    }
    /// Waits for a datagram containing `text`; returns false on timeout.
    func wait(for text: String, timeoutMs: Int32) -> Bool {
        let deadline = monotonicNanos() + UInt64(timeoutMs) * 1_000_000
        while monotonicNanos() < deadline {
            guard let ev = try? Poll.wait(FileDescriptor(rawValue: fd), for: .readable, timeoutMs: 100), ev.contains(.readable) else { continue }
            var buf = [UInt8](repeating: 0, count: 4096)
            let n = recv(fd, &buf, buf.count, 0)
            if n > 0, String(decoding: buf[..<n], as: UTF8.self).contains(text) { return true }
        }
        return false
    }
    deinit { close(fd); unlink(path) }
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
    func merge(_ o: Samples) { lock.lock(); s = s + o; lock.unlock() }
    var value: Samples { lock.lock(); defer { lock.unlock() }; return s }
}
