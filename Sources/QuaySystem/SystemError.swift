#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A failed system call: which call, on what, and the errno it returned.
public struct SystemError: Error, Sendable, Equatable, CustomStringConvertible {
    public let call: String
    public let errno: Int32
    public let path: String?

    public init(call: String, errno: Int32, path: String? = nil) {
        self.call = call
        self.errno = errno
        self.path = path
    }

    /// Human text from strerror, e.g. "No such file or directory".
    public var reason: String { String(cString: strerror(errno)) }

    public var description: String {
        if let path { return "\(call)(\(path)): \(reason) (errno \(errno))" }
        return "\(call): \(reason) (errno \(errno))"
    }

    public var isWouldBlock: Bool { errno == EAGAIN || errno == EWOULDBLOCK }
    /// The device went away (unplugged) or the peer hung up.
    public var isDisconnect: Bool {
        errno == ENODEV || errno == ENXIO || errno == EIO || errno == EPIPE || errno == ECONNRESET || errno == ENOENT
            || errno == EBADF
    }
}

/// Runs a syscall, retrying on EINTR, and turns -1 into a typed error.
@inline(__always)
public func retryingEINTR<T: FixedWidthInteger>(_ call: String, path: String? = nil, _ body: () -> T) throws(SystemError) -> T {
    while true {
        let r = body()
        if r == -1 {
            let e = errno
            if e == EINTR { continue }
            throw SystemError(call: call, errno: e, path: path)
        }
        return r
    }
}
