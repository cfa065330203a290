#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Files and directories that hold citizens' data (the state directory, quay.sqlite and its -wal/-shm): created
/// private (0700 / 0600) whatever the umask, and never reached through a symbolic link.
public enum PrivateFile {
    /// Creates `path` (and missing parents, 0755) with `mode`, set explicitly so the umask does not matter. An
    /// existing directory is left as it is (systemd's StateDirectory= or the administrator chose its mode).
    public static func makeDirectory(_ path: String, mode: mode_t = 0o700) throws(SystemError) {
        var st = stat()
        if stat(path, &st) == 0 {
            guard (st.st_mode & S_IFMT) == S_IFDIR else { throw SystemError(call: "mkdir", errno: ENOTDIR, path: path) }
            return
        }
        let parent = UnixListener.parentDirectory(path)
        if parent != path && parent != "/" && parent != "." { try makeDirectory(parent, mode: 0o755) }
        if mkdir(path, mode) != 0 {
            let e = errno
            if e == EEXIST { return }
            throw SystemError(call: "mkdir", errno: e, path: path)
        }
        let fd = try retryingEINTR("open", path: path) { open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC) }
        defer { Glibc.close(fd) }
        _ = try retryingEINTR("fchmod", path: path) { fchmod(fd, mode) }
    }

    /// Makes sure the regular file at `path` is private: refuses a symbolic link (ELOOP) or anything that is not a
    /// regular file (EINVAL); when `create`, creates it empty with `mode` if missing; removes group and other
    /// permissions from an existing file this user owns (a database created 0644 by an older quayd).
    public static func secure(_ path: String, mode: mode_t = 0o600, create: Bool) throws(SystemError) {
        var fd: Int32 = -1
        if create {
            fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, mode)
            if fd >= 0 {
                defer { Glibc.close(fd) }
                _ = try retryingEINTR("fchmod", path: path) { fchmod(fd, mode) }
                return
            }
            if errno != EEXIST { throw SystemError(call: "open", errno: errno, path: path) }
        }
        var st = stat()
        if lstat(path, &st) != 0 {
            if errno == ENOENT && !create { return }
            throw SystemError(call: "lstat", errno: errno, path: path)
        }
        if (st.st_mode & S_IFMT) == S_IFLNK { throw SystemError(call: "open", errno: ELOOP, path: path) }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw SystemError(call: "open", errno: EINVAL, path: path) }
        guard st.st_mode & 0o077 != 0, st.st_uid == geteuid() else { return }
        fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw SystemError(call: "open", errno: errno, path: path) }
        defer { Glibc.close(fd) }
        _ = try retryingEINTR("fchmod", path: path) { fchmod(fd, st.st_mode & 0o700) }
    }
}
