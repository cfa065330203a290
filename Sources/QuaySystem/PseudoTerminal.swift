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

    /// Opens /dev/ptmx, unlocks the slave and sets the master raw.
    public static func open() throws(SystemError) -> PseudoTerminal {
        let m = try FileDescriptor.open("/dev/ptmx", [.readWrite, .noControllingTerminal])
        var unlock: Int32 = 0
        var number: UInt32 = 0
        do {
            try m.ioctl(.ptySetLock, &unlock, path: "/dev/ptmx")
            try m.ioctl(.ptyGetNumber, &number, path: "/dev/ptmx")
        } catch {
            m.close()
            throw error
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
