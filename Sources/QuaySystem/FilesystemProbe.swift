#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Asks the filesystem itself what a failed write cannot tell: SQLite reports a filesystem that went read-only
/// under it (ext4 errors=remount-ro after an SD card fault) as a plain I/O error, with errno already lost.
public enum FilesystemProbe {
    /// Whether `path` exists, by access(F_OK) (no open, so no side effects on device nodes).
    /// Throws for errors other than "not found" (EACCES on a parent, ELOOP, …); EINTR is retried.
    public static func exists(_ path: String) throws(SystemError) -> Bool {
        do {
            _ = try retryingEINTR("access", path: path) { access(path, F_OK) }
            return true
        } catch  where error.errno == ENOENT || error.errno == ENOTDIR {
            return false
        }
    }

    /// True when creating a file in `directory` fails with EROFS. The probe file is removed at once.
    public static func isReadOnly(directory: String) -> Bool {
        let probe = directory + "/.quayd-rw-probe-\(getpid())"
        let fd = open(probe, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0o600)
        if fd >= 0 {
            Glibc.close(fd)
            unlink(probe)
            return false
        }
        return errno == EROFS
    }
}
