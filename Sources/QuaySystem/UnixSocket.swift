#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Blocking unix-domain stream client (used by quayctl, tests and benchmarks; the daemon uses NIO).
public enum UnixSocket {
    public static func connect(path: String) throws(SystemError) -> FileDescriptor {
        let fd = try retryingEINTR("socket") { socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        var addr = sockaddr_un()
        addr.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let cap = MemoryLayout.size(ofValue: addr.sun_path)
        guard bytes.count < cap else {
            Glibc.close(fd)
            throw SystemError(call: "connect", errno: ENAMETOOLONG, path: path)
        }
        withUnsafeMutableBytes(of: &addr.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        let len = socklen_t(MemoryLayout<sockaddr_un>.size)
        let r = withUnsafePointer(to: &addr) { p in
            p.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, len) }
        }
        if r == -1 {
            let e = errno
            Glibc.close(fd)
            throw SystemError(call: "connect", errno: e, path: path)
        }
        return FileDescriptor(rawValue: fd)
    }
}

/// Reads newline-delimited lines from a blocking descriptor.
public struct LineReader {
    public let fd: FileDescriptor
    private var buffer: [UInt8] = []
    public init(fd: FileDescriptor) { self.fd = fd }

    /// Next line without the newline, or nil at EOF. `timeoutMs` < 0 waits forever.
    public mutating func nextLine(timeoutMs: Int32 = -1) throws(SystemError) -> String? {
        while true {
            if let nl = buffer.firstIndex(of: 0x0A) {
                let line = String(decoding: buffer[..<nl], as: UTF8.self)
                buffer.removeSubrange(...nl)
                return line
            }
            if timeoutMs >= 0 {
                let ev = try Poll.wait(fd, for: .readable, timeoutMs: timeoutMs)
                if ev.isEmpty { throw SystemError(call: "read", errno: ETIMEDOUT) }
            }
            let chunk = try fd.read(upTo: 65536)
            if chunk.isEmpty { return nil }
            buffer.append(contentsOf: chunk)
        }
    }
}
