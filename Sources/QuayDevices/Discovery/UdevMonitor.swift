import CUdev
import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Follows udev's netlink events (after udev rules ran: "udev" source) on a dedicated thread that waits in
/// poll(2) on the non-blocking monitor socket and on a wake pipe, so it never blocks an async executor.
///
/// The socket is bound in `init`, before it returns: enumerate *after* creating the monitor and no device
/// plugged in between is lost (an add seen twice is harmless; `DeviceManager` is idempotent by syspath).
/// The thread runs until `stop()` is called or the consumer of `events` goes away (cancelled or dropped);
/// it then frees its libudev context and closes its descriptors.
public final class UdevMonitor: Sendable {
    /// add/remove/change/bind/unbind snapshots, in kernel order.
    public let events: AsyncStream<UdevDevice>
    private let wake: WakePipe

    /// - Parameters:
    ///   - subsystems: filter installed in the kernel socket (BPF), e.g. `Udev.discoverySubsystems`.
    ///   - source: "udev" (events after rules, with ID_* properties) or "kernel" (raw uevents).
    public init(subsystems: [String] = Udev.discoverySubsystems, source: String = "udev") throws(UdevError) {
        let udev = try Udev()
        guard let mon = udev_monitor_new_from_netlink(udev.handle, source) else {
            throw .call("udev_monitor_new_from_netlink", errno: errno)
        }
        for s in subsystems {
            let r = udev_monitor_filter_add_match_subsystem_devtype(mon, s, nil)
            if r < 0 { udev_monitor_unref(mon); throw .call("udev_monitor_filter_add_match_subsystem_devtype", errno: -r) }
        }
        // Bursts (a hub with 8 devices) must not overflow the socket; needs CAP_NET_ADMIN beyond rmem_max,
        // failing that the kernel default stays: ignore the result.
        _ = udev_monitor_set_receive_buffer_size(mon, 4 * 1024 * 1024)
        let r = udev_monitor_enable_receiving(mon)
        if r < 0 { udev_monitor_unref(mon); throw .call("udev_monitor_enable_receiving", errno: -r) }
        let fd = udev_monitor_get_fd(mon)
        let fl = fcntl(fd, F_GETFL)
        _ = fcntl(fd, F_SETFL, fl | O_NONBLOCK)

        let wake: WakePipe
        do throws(UdevError) { wake = try WakePipe() } catch { udev_monitor_unref(mon); throw error }
        self.wake = wake

        let (stream, continuation) = AsyncStream.makeStream(of: UdevDevice.self, bufferingPolicy: .unbounded)
        events = stream
        continuation.onTermination = { _ in wake.signal() }
        let owned = OwnedMonitor(udev: udev, monitor: mon)
        let thread = Thread {
            owned.run(wakeFD: wake.readFD, continuation: continuation)
            wake.closeReadEnd()
        }
        thread.name = "quay-udev-monitor"
        thread.start()
    }

    /// Asks the reader thread to finish the stream and release libudev. Idempotent, non-blocking.
    public func stop() { wake.signal() }
}

/// libudev objects handed over to the reader thread, which alone uses them from then on.
private final class OwnedMonitor: @unchecked Sendable {
    let udev: Udev
    let monitor: OpaquePointer

    init(udev: Udev, monitor: OpaquePointer) {
        self.udev = udev
        self.monitor = monitor
    }

    deinit { udev_monitor_unref(monitor) }

    func run(wakeFD: Int32, continuation: AsyncStream<UdevDevice>.Continuation) {
        let monFD = udev_monitor_get_fd(monitor)
        var fds = [pollfd(fd: monFD, events: Int16(POLLIN), revents: 0),
                   pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0)]
        loop: while true {
            fds[0].revents = 0
            fds[1].revents = 0
            let n = poll(&fds, 2, -1)
            if n < 0 {
                if errno == EINTR { continue }
                break
            }
            if fds[1].revents != 0 { break }
            if fds[0].revents & Int16(POLLIN) != 0 {
                // Drain: the socket is non-blocking, receive returns nil when empty.
                while let dev = udev_monitor_receive_device(monitor) {
                    let snap = Udev.snapshot(dev, action: nil)
                    udev_device_unref(dev)
                    if case .terminated = continuation.yield(snap) { break loop }
                }
            } else if fds[0].revents & Int16(POLLERR | POLLHUP | POLLNVAL) != 0 {
                break
            }
        }
        continuation.finish()
    }
}

/// A self-pipe to wake the poll loop. `signal` may be called from any thread, any number of times.
private final class WakePipe: @unchecked Sendable {
    let readFD: Int32
    private let writeFD: Int32
    private let lock = NSLock()
    private var signalled = false
    private var readClosed = false

    init() throws(UdevError) {
        var p: [Int32] = [-1, -1]
        // pipe2 needs _GNU_SOURCE in Glibc's module map: pipe + fcntl (the daemon does not fork meanwhile).
        if pipe(&p) != 0 { throw .call("pipe", errno: errno) }
        for fd in p {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        }
        readFD = p[0]
        writeFD = p[1]
    }

    func signal() {
        lock.lock()
        defer { lock.unlock() }
        guard !signalled else { return }
        signalled = true
        var b: UInt8 = 1
        _ = write(writeFD, &b, 1)
        close(writeFD)
    }

    func closeReadEnd() {
        lock.lock()
        defer { lock.unlock() }
        guard !readClosed else { return }
        readClosed = true
        close(readFD)
    }

    deinit {
        signal()
        closeReadEnd()
    }
}
