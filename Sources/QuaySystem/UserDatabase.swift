#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Lookups in the user/group database (NSS), reentrant (`getgrnam_r`), with typed errors.
public enum UserDatabase {
    /// The gid of group `name`, or nil when no such group exists. Throws when the lookup itself fails
    /// (NSS backend unavailable, I/O error).
    public static func groupID(named name: String) throws(SystemError) -> UInt32? {
        var size = max(1024, sysconf(Int32(_SC_GETGR_R_SIZE_MAX)))
        while true {
            var entry = group()
            var result: UnsafeMutablePointer<group>? = nil
            var buffer = [CChar](repeating: 0, count: size)
            let rc = getgrnam_r(name, &entry, &buffer, buffer.count, &result)
            if rc == ERANGE && size < 1 << 20 {
                size *= 2
                continue
            }
            if rc == EINTR { continue }
            // POSIX allows ENOENT/ESRCH/EBADF/EPERM for "not found" depending on the backend.
            if rc == 0 || rc == ENOENT || rc == ESRCH { return result.map { $0.pointee.gr_gid } }
            throw SystemError(call: "getgrnam_r", errno: rc, path: name)
        }
    }
}
