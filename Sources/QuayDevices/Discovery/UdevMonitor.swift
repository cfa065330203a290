import CUdev
import Foundation
import QuaySystem
#if canImport(Glibc)
import Glibc  // errno of libudev calls
#elseif canImport(Musl)
import Musl
#endif

/// Follows udev's netlink events (after udev rules ran: "udev" source) on a dedicated thread that waits in
/// poll(2) (`Poll.wait`) on the non-blocking monitor socket and on a `WakePipe`, so it never blocks an async executor.
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
    ///   - scan: when given, the monitor's thread first enumerates the devices of `subsystems` present now (sysfs
    ///     reads, after the socket is bound) and hands the result here, then follows events.
    public init(
        subsystems: [String] = Udev.discoverySubsystems, source: String = "udev",
        scan: (@Sendable (Result<[UdevDevice], UdevError>) -> Void)? = nil
    ) throws(UdevError) {
        let udev = try Udev()
        guard let mon = udev_monitor_new_from_netlink(udev.handle, source) else {
            throw .call("udev_monitor_new_from_netlink", errno: errno)
        }
        for s in subsystems {
            let r = udev_monitor_filter_add_match_subsystem_devtype(mon, s, nil)
            if r < 0 {
                udev_monitor_unref(mon)
                throw .call("udev_monitor_filter_add_match_subsystem_devtype", errno: -r)
            }
        }
        // Bursts (a hub with 8 devices) must not overflow the socket; needs CAP_NET_ADMIN beyond rmem_max,
        // failing that the kernel default stays: ignore the result.
        _ = udev_monitor_set_receive_buffer_size(mon, 4 * 1024 * 1024)
        let r = udev_monitor_enable_receiving(mon)
        if r < 0 {
            udev_monitor_unref(mon)
            throw .call("udev_monitor_enable_receiving", errno: -r)
        }
        // Receiving must never block the poll loop.
        do throws(SystemError) { try FileDescriptor(rawValue: udev_monitor_get_fd(mon)).setNonBlocking() } catch {
            udev_monitor_unref(mon)
            throw .call("fcntl(O_NONBLOCK)", errno: error.errno)
        }

        let wake: WakePipe
        do throws(SystemError) { wake = try WakePipe() } catch {
            udev_monitor_unref(mon)
            throw .call("pipe2", errno: error.errno)
        }
        self.wake = wake

        let (stream, continuation) = AsyncStream.makeStream(of: UdevDevice.self, bufferingPolicy: .unbounded)
        events = stream
        continuation.onTermination = { _ in wake.signal() }
        let owned = OwnedMonitor(udev: udev, monitor: mon)
        let thread = Thread {
            if let scan {
                do throws(UdevError) { scan(.success(try owned.udev.enumerate(subsystems: subsystems))) } catch { scan(.failure(error)) }
            }
            owned.run(wake: wake, continuation: continuation)
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

    func run(wake: WakePipe, continuation: AsyncStream<UdevDevice>.Continuation) {
        let monitorFD = FileDescriptor(rawValue: udev_monitor_get_fd(monitor))
        let watched: [(FileDescriptor, Poll.Events)] = [(monitorFD, .readable), (wake.readEnd, .readable)]
        loop: while true {
            let ready: [Poll.Events]
            do { ready = try Poll.wait(watched, timeoutMs: -1) } catch { break }
            if !ready[1].isEmpty { break }
            if ready[0].contains(.readable) {
                // Drain: the socket is non-blocking, receive returns nil when empty.
                while let dev = udev_monitor_receive_device(monitor) {
                    let snap = Udev.snapshot(dev, action: nil)
                    udev_device_unref(dev)
                    if case .terminated = continuation.yield(snap) { break loop }
                }
            } else if !ready[0].isDisjoint(with: [.error, .hangup, .invalid]) {
                break
            }
        }
        continuation.finish()
    }
}
