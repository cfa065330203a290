#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A serial line (RS-232/RS-485 adapter, USB-serial bridge, CDC-ACM, or a pty in tests) configured raw with termios.
///
/// Opened non-blocking by default so callers can bound every wait with `Poll`. Termios is applied when the node is a
/// terminal; a node that is not (umockdev and some bridges report ENOTTY/EINVAL for tcgetattr) is used as-is and
/// `termiosApplied` is false — callers must not gate on `isatty()`.
public struct SerialPort: Sendable {
    public enum Parity: String, Sendable, Codable { case none, even, odd }
    public enum FlowControl: String, Sendable, Codable { case none, rtscts, xonxoff }
    public enum Queue: Sendable { case input, output, both }

    public struct Configuration: Sendable, Equatable {
        public var baud: Int
        public var dataBits: Int
        public var parity: Parity
        public var stopBits: Int
        public var flowControl: FlowControl

        public init(
            baud: Int = 9600, dataBits: Int = 8, parity: Parity = .none, stopBits: Int = 1,
            flowControl: FlowControl = .none
        ) {
            self.baud = baud
            self.dataBits = dataBits
            self.parity = parity
            self.stopBits = stopBits
            self.flowControl = flowControl
        }

        /// Bits on the wire per character: start + data + parity + stop.
        public var bitsPerCharacter: Int { 1 + dataBits + (parity == .none ? 0 : 1) + stopBits }

        /// Time to send one character at this baud, in nanoseconds.
        public var characterNanos: UInt64 { UInt64(bitsPerCharacter) * 1_000_000_000 / UInt64(max(baud, 1)) }
    }

    public let fd: FileDescriptor
    public let path: String
    public let configuration: Configuration
    /// False when the node did not accept termios (not a terminal); the bytes still flow.
    public let termiosApplied: Bool

    /// Opens and configures `path`. Throws EINVAL (call "cfsetspeed") for an unsupported baud.
    public static func open(
        _ path: String, _ configuration: Configuration = Configuration(),
        nonBlocking: Bool = true
    ) throws(SystemError) -> SerialPort {
        guard let speed = SerialPort.speed(for: configuration.baud) else {
            throw SystemError(call: "cfsetspeed", errno: EINVAL, path: path)
        }
        var flags: FileDescriptor.OpenFlags = [.readWrite, .noControllingTerminal]
        if nonBlocking { flags.insert(.nonBlocking) }
        let fd = try FileDescriptor.open(path, flags)
        do {
            let applied = try SerialPort.applyTermios(fd, configuration, speed: speed, path: path)
            // Exclusive use: another (non-root) process opening the same tty gets EBUSY instead of silently
            // taking a share of its bytes (a second reader stole scans).
            if applied { try fd.ioctl(.ttyExclusive, path: path) }
            return SerialPort(fd: fd, path: path, configuration: configuration, termiosApplied: applied)
        } catch {
            fd.close()
            throw error
        }
    }

    /// Wraps an already open descriptor (e.g. a pty master in tests) and configures it raw.
    public static func adopt(_ fd: FileDescriptor, path: String, _ configuration: Configuration = Configuration()) throws(SystemError)
        -> SerialPort
    {
        guard let speed = SerialPort.speed(for: configuration.baud) else {
            throw SystemError(call: "cfsetspeed", errno: EINVAL, path: path)
        }
        let applied = try applyTermios(fd, configuration, speed: speed, path: path)
        return SerialPort(fd: fd, path: path, configuration: configuration, termiosApplied: applied)
    }

    /// Whether the tty is in exclusive mode (TIOCGEXCL): only root may open it again.
    public func isExclusive() throws(SystemError) -> Bool {
        var on: Int32 = 0
        try fd.ioctl(.ttyGetExclusive, &on, path: path)
        return on != 0
    }

    private init(fd: FileDescriptor, path: String, configuration: Configuration, termiosApplied: Bool) {
        self.fd = fd
        self.path = path
        self.configuration = configuration
        self.termiosApplied = termiosApplied
    }

    private static func applyTermios(_ fd: FileDescriptor, _ c: Configuration, speed: speed_t, path: String) throws(SystemError) -> Bool {
        var t = termios()
        if tcgetattr(fd.rawValue, &t) != 0 {
            let e = errno
            if e == ENOTTY || e == EINVAL { return false }
            throw SystemError(call: "tcgetattr", errno: e, path: path)
        }
        cfmakeraw(&t)
        t.c_cflag &= ~(tcflag_t(CSIZE) | tcflag_t(PARENB) | tcflag_t(PARODD) | tcflag_t(CSTOPB) | tcflag_t(CRTSCTS))
        switch c.dataBits {
        case 5: t.c_cflag |= tcflag_t(CS5)
        case 6: t.c_cflag |= tcflag_t(CS6)
        case 7: t.c_cflag |= tcflag_t(CS7)
        default: t.c_cflag |= tcflag_t(CS8)
        }
        switch c.parity {
        case .none: break
        case .even: t.c_cflag |= tcflag_t(PARENB)
        case .odd: t.c_cflag |= tcflag_t(PARENB) | tcflag_t(PARODD)
        }
        if c.stopBits == 2 { t.c_cflag |= tcflag_t(CSTOPB) }
        t.c_cflag |= tcflag_t(CLOCAL) | tcflag_t(CREAD)
        t.c_iflag &= ~(tcflag_t(IXON) | tcflag_t(IXOFF) | tcflag_t(IXANY))
        switch c.flowControl {
        case .none: break
        case .rtscts: t.c_cflag |= tcflag_t(CRTSCTS)
        case .xonxoff: t.c_iflag |= tcflag_t(IXON) | tcflag_t(IXOFF)
        }
        // Non-blocking reads: return what is there (callers wait with poll).
        withUnsafeMutableBytes(of: &t.c_cc) { cc in
            cc[Int(VMIN)] = 0
            cc[Int(VTIME)] = 0
        }
        if cfsetispeed(&t, speed) != 0 || cfsetospeed(&t, speed) != 0 {
            throw SystemError(call: "cfsetspeed", errno: errno, path: path)
        }
        _ = try retryingEINTR("tcsetattr", path: path) { tcsetattr(fd.rawValue, TCSANOW, &t) }
        return true
    }

    /// Waits until all written output has been transmitted (tcdrain). No-op when termios was not applied.
    public func drain() throws(SystemError) {
        guard termiosApplied else { return }
        _ = try retryingEINTR("tcdrain", path: path) { tcdrain(fd.rawValue) }
    }

    /// Discards queued data (tcflush). No-op when termios was not applied.
    public func flush(_ queue: Queue = .both) throws(SystemError) {
        guard termiosApplied else { return }
        let which: Int32
        switch queue {
        case .input: which = TCIFLUSH
        case .output: which = TCOFLUSH
        case .both: which = TCIOFLUSH
        }
        _ = try retryingEINTR("tcflush", path: path) { tcflush(fd.rawValue, which) }
    }

    public func close() { fd.close() }

    /// termios speed constant for a baud rate, nil when Linux has none.
    public static func speed(for baud: Int) -> speed_t? {
        switch baud {
        case 1200: return speed_t(B1200)
        case 2400: return speed_t(B2400)
        case 4800: return speed_t(B4800)
        case 9600: return speed_t(B9600)
        case 19200: return speed_t(B19200)
        case 38400: return speed_t(B38400)
        case 57600: return speed_t(B57600)
        case 115200: return speed_t(B115200)
        case 230400: return speed_t(B230400)
        case 460800: return speed_t(B460800)
        case 921600: return speed_t(B921600)
        default: return nil
        }
    }
}
