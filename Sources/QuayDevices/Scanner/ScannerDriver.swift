import Foundation
import Logging
import QuaySystem

/// One scan as a scanner delivered it: the text, or why it could not be trusted.
public struct ScannerReading: Sendable, Equatable {
    public var role: String
    public var devnode: String
    /// The decoded text (may be personal data: route it, never log it).
    public var text: String?
    /// Why the scan was dropped (garbled keys, overflow, invalid UTF-8).
    public var problem: String?
}

/// Reads a barcode/QR scanner: an evdev keyboard wedge (`/dev/input/event*`, grabbed with EVIOCGRAB so keystrokes
/// don't reach the console) or a serial scanner (`/dev/ttyACM*`, `/dev/ttyUSB*`: lines of UTF-8). Attached and
/// detached by `DeviceManager`; reads on its own thread and hands every scan to `handler`. An unplugged scanner
/// ends the thread; health shows `absent` until it returns.
public final class ScannerDriver: DeviceAttachable, @unchecked Sendable {
    public typealias Handler = @Sendable (ScannerReading) -> Void
    /// Turns evdev key events into readings (text, or a problem); one per attachment, called on the read thread.
    public typealias EvdevDecoding = (_ type: UInt16, _ code: UInt16, _ value: Int32) -> (text: String?, problem: String?)?

    /// The keyboard-wedge decoder: scanned text per Enter.
    public static func wedgeDecoding() -> EvdevDecoding {
        var wedge = KeyboardWedgeDecoder()
        return { type, code, value in
            switch wedge.feed(type: type, code: code, value: value) {
            case .scan(let s)?: return (s, nil)
            case .garbled(let codes)?: return (nil, "keys that are not characters: \(codes)")
            case .overflow(let n)?: return (nil, "scan too long (\(n) characters)")
            case nil: return nil
            }
        }
    }

    public let role: String
    private let registry: DeviceRegistry?
    private let handler: Handler
    private let logger: Logger
    private let baud: Int
    private let makeDecoding: @Sendable () -> EvdevDecoding
    /// The running reader (guarded by `lock`).
    private let lock = NSLock()
    private var reader: Reader?

    /// - Parameter evdevDecoding: how key events become readings (default: a barcode keyboard wedge; a counter
    ///   keypad passes `KeypadDecoder.decoding()`).
    public init(
        role: String, baud: Int = 9600, registry: DeviceRegistry? = nil,
        logger: Logger = Logger(label: "quay.scanner"),
        evdevDecoding: @escaping @Sendable () -> EvdevDecoding = { ScannerDriver.wedgeDecoding() },
        handler: @escaping Handler
    ) {
        self.makeDecoding = evdevDecoding
        self.role = role
        self.baud = baud
        self.registry = registry
        self.logger = logger
        self.handler = handler
    }

    public func attach(devnode: String) async {
        await detach()
        let isEvdev = devnode.hasPrefix("/dev/input/")
        let fd: FileDescriptor
        do {
            if isEvdev {
                fd = try FileDescriptor.open(devnode, [.readOnly, .nonBlocking, .noControllingTerminal])
                // Keystrokes go to us only; failure (no permission to grab) is logged, reading still works.
                do { try fd.grabInputDevice() } catch {
                    logger.warning(
                        "scanner not grabbed; its keystrokes also reach the console",
                        metadata: ["role": "\(role)", "errno": "\(error.errno)"])
                }
            } else {
                fd = try SerialPort.open(devnode, SerialPort.Configuration(baud: baud)).fd
            }
        } catch {
            logger.error("scanner not opened", metadata: ["role": "\(role)", "devnode": "\(devnode)", "error": "\(error)"])
            await registry?.update(role) { h in
                h.state = .error
                h.condition = "not-opened"
                h.lastError = "\(error)"
                h.errors += 1
            }
            return
        }
        let wake: WakePipe
        do { wake = try WakePipe() } catch {
            fd.close()
            logger.error("scanner not started", metadata: ["role": "\(role)", "devnode": "\(devnode)", "error": "\(error)"])
            return
        }
        let r = Reader(
            role: role, devnode: devnode, fd: fd, evdev: isEvdev, decode: makeDecoding(), handler: handler,
            registry: registry, logger: logger, wake: wake)
        lock.withLock { reader = r }
        r.start()
    }

    public func detach() async {
        guard
            let r = lock.withLock({ () -> Reader? in
                defer { reader = nil }
                return reader
            })
        else { return }
        await r.stop()
    }

    /// The read loop of one attachment, on its own thread: waits in poll(2) on the device and on a `WakePipe`,
    /// so `stop()` is seen at once and an idle scanner costs no wake-ups.
    final class Reader: @unchecked Sendable {
        let role: String, devnode: String, fd: FileDescriptor, evdev: Bool
        let handler: Handler, registry: DeviceRegistry?, logger: Logger
        /// Used by the read thread only.
        private var decode: EvdevDecoding
        private let wake: WakePipe
        private let finished = ThreadFinished()

        init(
            role: String, devnode: String, fd: FileDescriptor, evdev: Bool, decode: @escaping EvdevDecoding,
            handler: @escaping Handler, registry: DeviceRegistry?, logger: Logger, wake: WakePipe
        ) {
            self.role = role
            self.devnode = devnode
            self.fd = fd
            self.evdev = evdev
            self.decode = decode
            self.handler = handler
            self.registry = registry
            self.logger = logger
            self.wake = wake
        }

        func start() {
            let t = Thread { [self] in
                self.loop()
                self.fd.close()
                self.finished.set()
            }
            t.name = "scanner \(role)"
            t.start()
        }

        /// Wakes the thread and waits (without blocking a thread) until it has closed the device.
        func stop() async {
            wake.signal()
            await finished.wait()
        }

        private func loop() {
            var lines = ScanLineDecoder()
            var pending: [UInt8] = []
            let watched: [(FileDescriptor, Poll.Events)] = [(fd, .readable), (wake.readEnd, .readable)]
            while true {
                let ev: Poll.Events
                do {
                    let ready = try Poll.wait(watched, timeoutMs: -1)
                    if !ready[1].isEmpty { return }  // stop()
                    ev = ready[0]
                } catch {
                    report(error: "\(error)")
                    return
                }
                if ev.isEmpty { continue }
                let got: [UInt8]
                do { got = try fd.read(upTo: 24 * 64) } catch {
                    if error.isWouldBlock { continue }
                    report(error: "\(error)")
                    return
                }
                if got.isEmpty {
                    if ev.contains(.hangup) || ev.contains(.error) {
                        report(error: "hangup")
                        return
                    }
                    continue
                }
                if evdev {
                    pending += got
                    var off = 0
                    while pending.count - off >= 24 {
                        let type = UInt16(pending[off + 16]) | UInt16(pending[off + 17]) << 8
                        let code = UInt16(pending[off + 18]) | UInt16(pending[off + 19]) << 8
                        let raw =
                            UInt32(pending[off + 20]) | UInt32(pending[off + 21]) << 8 | UInt32(pending[off + 22]) << 16 | UInt32(
                                pending[off + 23]) << 24
                        off += 24
                        if let r = decode(type, code, Int32(bitPattern: raw)) { deliver(text: r.text, problem: r.problem) }
                    }
                    pending.removeFirst(off)
                } else {
                    for o in lines.feed(got) {
                        switch o {
                        case .scan(let s): deliver(text: s, problem: nil)
                        case .invalidUTF8(let n): deliver(text: nil, problem: "\(n) bytes that are not UTF-8")
                        case .overflow(let n): deliver(text: nil, problem: "line too long (\(n) bytes)")
                        }
                    }
                }
            }
        }

        private func deliver(text: String?, problem: String?) {
            let (registry, role) = (registry, role)
            Task {
                await registry?.update(role) { h in
                    h.frames += 1
                    h.lastSeen = Date().timeIntervalSince1970
                    if let problem {
                        h.errors += 1
                        h.lastError = problem
                    }
                }
            }
            handler(ScannerReading(role: role, devnode: devnode, text: text, problem: problem))
        }

        private func report(error: String) {
            logger.warning("scanner read ended", metadata: ["role": "\(role)", "devnode": "\(devnode)", "error": "\(error)"])
            let (registry, role) = (registry, role)
            Task { await registry?.update(role) { h in h.lastError = error } }
        }
    }
}

/// Set once by a device thread when it has finished; awaited without blocking a thread.
final class ThreadFinished: @unchecked Sendable {
    private let lock = NSLock()
    private var done = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func set() {
        let w = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            done = true
            defer { waiters = [] }
            return waiters
        }
        for c in w { c.resume() }
    }

    func wait() async {
        await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
            let now = lock.withLock { () -> Bool in
                if done { return true }
                waiters.append(c)
                return false
            }
            if now { c.resume() }
        }
    }
}
