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

    /// poll(2) on several descriptors (e.g. a device and a `WakePipe`); returns the events of each, in order
    /// (all empty on timeout). `timeoutMs` -1 waits forever. EINTR is retried with the full timeout.
    public static func wait(_ fds: [(FileDescriptor, Events)], timeoutMs: Int32) throws(SystemError) -> [Events] {
        var p = fds.map { pollfd(fd: $0.0.rawValue, events: $0.1.rawValue, revents: 0) }
        let count = nfds_t(p.count)
        let n = try retryingEINTR("poll") { Glibc.poll(&p, count, timeoutMs) }
        return n == 0 ? Array(repeating: [], count: p.count) : p.map { Events(rawValue: $0.revents) }
    }
}

/// Monotonic time in nanoseconds (CLOCK_MONOTONIC), for timeouts and latency measurement.
public func monotonicNanos() -> UInt64 {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
}

/// Sleeps the calling thread for `nanoseconds` (nanosleep, resumed after EINTR with the remaining time). Only for
/// short bounded waits on a device's own thread (bus timing), never on the cooperative pool.
public func sleepNanos(_ nanoseconds: UInt64) {
    var ts = timespec(tv_sec: Int(nanoseconds / 1_000_000_000), tv_nsec: Int(nanoseconds % 1_000_000_000))
    var rem = timespec()
    while nanosleep(&ts, &rem) == -1 && errno == EINTR { ts = rem }
}
