#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Why the socket-activation environment could not be used (sd_listen_fds(3) would return -EINVAL).
public enum SystemdListenFDsError: Error, Sendable, Equatable, CustomStringConvertible {
    case invalidPID(String)
    case invalidCount(String)
    /// LISTEN_FDNAMES lists a different number of names than LISTEN_FDS.
    case nameCountMismatch(names: Int, fds: Int)

    public var description: String {
        switch self {
        case .invalidPID(let s): return "LISTEN_PID '\(s)' is not a process id"
        case .invalidCount(let s): return "LISTEN_FDS '\(s)' is not a descriptor count"
        case .nameCountMismatch(let n, let f): return "LISTEN_FDNAMES has \(n) names for \(f) descriptors"
        }
    }
}

/// One descriptor passed by systemd socket activation.
public struct ListenFD: Sendable, Equatable {
    public var fd: Int32
    /// FileDescriptorName= of the socket unit; "unknown" when systemd passed no names.
    public var name: String

    public init(fd: Int32, name: String) {
        self.fd = fd
        self.name = name
    }
}

/// The sd_listen_fds protocol without libsystemd: LISTEN_PID must be our pid, LISTEN_FDS descriptors start
/// at 3, LISTEN_FDNAMES is a ':'-separated list of names.
public enum SystemdListenFDs {
    public static let firstFD: Int32 = 3

    /// Pure parse. Returns [] when the variables are absent or meant for another process (LISTEN_PID differs,
    /// e.g. inherited by a child), like sd_listen_fds.
    public static func parse(_ env: [String: String], pid: Int32) throws(SystemdListenFDsError) -> [ListenFD] {
        guard let pidText = env["LISTEN_PID"] else { return [] }
        guard let listenPID = Int32(pidText), listenPID > 0 else { throw .invalidPID(pidText) }
        guard listenPID == pid else { return [] }
        guard let countText = env["LISTEN_FDS"] else { return [] }
        // Bound the count: fds are 3..<3+n and must stay a valid Int32 range.
        guard let count = Int32(countText), count >= 0, count <= 65_536 else { throw .invalidCount(countText) }
        let names: [String]
        if let raw = env["LISTEN_FDNAMES"] {
            names = raw.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            guard names.count == Int(count) else { throw .nameCountMismatch(names: names.count, fds: Int(count)) }
        } else {
            names = Array(repeating: "unknown", count: Int(count))
        }
        return (0..<count).map { ListenFD(fd: firstFD + $0, name: names[Int($0)]) }
    }

    /// Reads this process's environment, marks the passed descriptors close-on-exec and, by default, unsets
    /// LISTEN_PID/LISTEN_FDS/LISTEN_FDNAMES so children do not see them.
    public static func fromProcess(unsetEnvironment: Bool = true) throws(SystemdListenFDsError) -> [ListenFD] {
        var env: [String: String] = [:]
        for key in ["LISTEN_PID", "LISTEN_FDS", "LISTEN_FDNAMES"] {
            if let v = getenv(key) { env[key] = String(cString: v) }
        }
        defer {
            if unsetEnvironment {
                unsetenv("LISTEN_PID")
                unsetenv("LISTEN_FDS")
                unsetenv("LISTEN_FDNAMES")
            }
        }
        let fds = try parse(env, pid: getpid())
        for f in fds { _ = fcntl(f.fd, F_SETFD, FD_CLOEXEC) }
        return fds
    }
}
