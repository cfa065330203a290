import CQuaySys
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The ioctl requests Quay issues, as the system headers define them (through the CQuaySys shim: the
/// `_IOW`/`_IOR` macros cannot be imported into Swift, and hand-coded numbers are wrong on other ABIs).
public struct IoctlRequest: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt
    public let name: String
    public init(rawValue: UInt) {
        self.rawValue = rawValue
        self.name = "ioctl"
    }
    init(_ rawValue: UInt, _ name: String) {
        self.rawValue = rawValue
        self.name = name
    }

    /// evdev: grab the input device (its events reach only this descriptor). Argument: int (1 grab, 0 release).
    public static let evdevGrab = IoctlRequest(UInt(cquaysys_EVIOCGRAB), "EVIOCGRAB")
    /// usblp: IEEE 1284 status byte. Argument: int *.
    public static let lpGetStatus = IoctlRequest(UInt(cquaysys_LPGETSTATUS), "LPGETSTATUS")
    /// tty: exclusive mode on. No argument.
    public static let ttyExclusive = IoctlRequest(UInt(cquaysys_TIOCEXCL), "TIOCEXCL")
    /// tty: exclusive mode? Argument: int *.
    public static let ttyGetExclusive = IoctlRequest(UInt(cquaysys_TIOCGEXCL), "TIOCGEXCL")
    /// pty master: lock/unlock the slave. Argument: int *.
    public static let ptySetLock = IoctlRequest(UInt(cquaysys_TIOCSPTLCK), "TIOCSPTLCK")
    /// pty master: the slave's number. Argument: unsigned int *.
    public static let ptyGetNumber = IoctlRequest(UInt(cquaysys_TIOCGPTN), "TIOCGPTN")

    public var description: String { "\(name) (0x\(String(rawValue, radix: 16)))" }
}

extension FileDescriptor {
    /// ioctl(2) without an argument. EINTR is retried.
    public func ioctl(_ request: IoctlRequest, path: String? = nil) throws(SystemError) {
        _ = try retryingEINTR("ioctl(\(request.name))", path: path) { Glibc.ioctl(rawValue, request.rawValue) }
    }

    /// ioctl(2) with an integer passed by value (e.g. EVIOCGRAB). EINTR is retried.
    public func ioctl(_ request: IoctlRequest, value: Int32, path: String? = nil) throws(SystemError) {
        _ = try retryingEINTR("ioctl(\(request.name))", path: path) { Glibc.ioctl(rawValue, request.rawValue, value) }
    }

    /// ioctl(2) that reads or writes one value of type `T` through a pointer. EINTR is retried.
    public func ioctl<T: BitwiseCopyable>(_ request: IoctlRequest, _ value: inout T, path: String? = nil) throws(SystemError) {
        let r = withUnsafeMutablePointer(to: &value) { p -> Result<Int32, SystemError> in
            do throws(SystemError) {
                return .success(
                    try retryingEINTR("ioctl(\(request.name))", path: path) {
                        Glibc.ioctl(rawValue, request.rawValue, UnsafeMutableRawPointer(p))
                    })
            } catch { return .failure(error) }
        }
        _ = try r.get()
    }

    /// Grabs (or releases) an evdev input device: while grabbed, its events reach only this descriptor.
    public func grabInputDevice(_ grab: Bool = true) throws(SystemError) {
        try ioctl(.evdevGrab, value: grab ? 1 : 0)
    }

    /// The IEEE 1284 status byte of a usblp / parallel-port node (`LPGETSTATUS`).
    public func lpStatus() throws(SystemError) -> UInt8 {
        var v: Int32 = 0
        try ioctl(.lpGetStatus, &v)
        return UInt8(truncatingIfNeeded: v)
    }
}

/// Linux `struct ucred` as returned by `getsockopt(SOL_SOCKET, SO_PEERCRED)`: pid, uid, gid of the peer of a
/// unix socket. Declared in the CQuaySys shim and checked there against glibc's definition.
public typealias SocketPeerCredentials = cquaysys_ucred
