#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

public enum Poll {
    public struct Events: OptionSet, Sendable {
        public let rawValue: Int16
        public init(rawValue: Int16) { self.rawValue = rawValue }
        public static let readable = Events(rawValue: Int16(POLLIN))
        public static let writable = Events(rawValue: Int16(POLLOUT))
        public static let error = Events(rawValue: Int16(POLLERR))
        public static let hangup = Events(rawValue: Int16(POLLHUP))
        public static let invalid = Events(rawValue: Int16(POLLNVAL))
    }

    /// poll(2) on one descriptor; returns the events that occurred (empty on timeout). EINTR is retried
    /// with the full timeout (callers use short timeouts).
    public static func wait(_ fd: FileDescriptor, for events: Events, timeoutMs: Int32) throws(SystemError) -> Events {
        var p = pollfd(fd: fd.rawValue, events: events.rawValue, revents: 0)
        let n = try retryingEINTR("poll") { Glibc.poll(&p, 1, timeoutMs) }
        return n == 0 ? [] : Events(rawValue: p.revents)
    }
}

/// Monotonic time in nanoseconds (CLOCK_MONOTONIC), for timeouts and latency measurement.
public func monotonicNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}
