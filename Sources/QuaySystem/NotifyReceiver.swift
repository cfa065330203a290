#if canImport(Glibc)
import Glibc
#endif

/// The receiving end of sd_notify: a datagram socket that stands in for systemd's NOTIFY_SOCKET in tests and
/// benchmarks (to check READY=1/WATCHDOG=1/STOPPING=1 and time start-up).
public final class NotifyReceiver {
    public let path: String
    private let fd: Int32

    public init(path: String) throws(SystemError) {
        self.path = path
        unlink(path)
        fd = try retryingEINTR("socket") { socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: addr.sun_path) else {
            close(fd)
            throw SystemError(call: "bind", errno: ENAMETOOLONG, path: path)
        }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let r = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
        }
        if r != 0 {
            let e = errno
            close(fd)
            throw SystemError(call: "bind", errno: e, path: path)
        }
    }

    /// Every message received until one contains `text` (returned last), or nil on timeout.
    public func wait(for text: String, timeoutMs: Int) -> [String]? {
        var seen: [String] = []
        let deadline = monotonicNanos() + UInt64(timeoutMs) * 1_000_000
        while monotonicNanos() < deadline {
            guard let ev = try? Poll.wait(FileDescriptor(rawValue: fd), for: .readable, timeoutMs: 50), ev.contains(.readable) else {
                continue
            }
            var buf = [UInt8](repeating: 0, count: 4096)
            let n = recv(fd, &buf, buf.count, 0)
            guard n > 0 else { continue }
            let msg = String(decoding: buf[..<n], as: UTF8.self)
            seen.append(msg)
            if msg.contains(text) { return seen }
        }
        return nil
    }

    deinit {
        close(fd)
        unlink(path)
    }
}
