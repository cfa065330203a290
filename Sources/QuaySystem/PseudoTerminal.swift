#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A pseudo-terminal pair (for tests and benchmarks that need a serial-like device without hardware).
/// The master descriptor is the "far end"; the slave path is what the code under test opens as a serial port.
public struct PseudoTerminal: Sendable {
    public let master: FileDescriptor
    public let slavePath: String

    // Linux ioctl numbers (asm-generic/ioctls.h): _IOW('T', 0x31, int) and _IOR('T', 0x30, unsigned int).
    private static let TIOCSPTLCK: UInt = 0x4004_5431
    private static let TIOCGPTN: UInt = 0x8004_5430

    /// Opens /dev/ptmx, unlocks the slave and sets the master raw.
    public static func open() throws(SystemError) -> PseudoTerminal {
        let m = try FileDescriptor.open("/dev/ptmx", [.readWrite, .noControllingTerminal])
        var unlock: Int32 = 0
        var number: UInt32 = 0
        if ioctl(m.rawValue, TIOCSPTLCK, &unlock) != 0 {
            let e = errno
            m.close()
            throw SystemError(call: "ioctl(TIOCSPTLCK)", errno: e, path: "/dev/ptmx")
        }
        if ioctl(m.rawValue, TIOCGPTN, &number) != 0 {
            let e = errno
            m.close()
            throw SystemError(call: "ioctl(TIOCGPTN)", errno: e, path: "/dev/ptmx")
        }
        var t = termios()
        if tcgetattr(m.rawValue, &t) == 0 {
            cfmakeraw(&t)
            _ = tcsetattr(m.rawValue, TCSANOW, &t)
        }
        return PseudoTerminal(master: m, slavePath: "/dev/pts/\(number)")
    }

    public func close() { master.close() }
}
