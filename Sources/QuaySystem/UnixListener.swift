#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Creates the daemon's listening unix stream socket without ever following a path an unprivileged user could
/// have swapped for a symlink.
///
/// The socket is bound, chmod-ed and chown-ed inside a private directory (mkdtemp, 0700) in the same parent
/// directory as the final path, starts listening there, and is then renamed onto the final path. A user who can
/// write the parent directory can at most replace the final name (rename replaces a symlink, never its target);
/// they cannot make a root-run quayd chmod or chown another file, and clients never see a socket that is not yet
/// listening or still has the wrong mode.
public enum UnixListener {
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        /// A running quayd answers on the path.
        case alreadyRunning(String)
        /// Something other than a socket (a file, directory or symlink) is at the path; it is left alone.
        case notASocket(String)
        case system(SystemError)

        public var description: String {
            switch self {
            case .alreadyRunning(let p): "another quayd already listens on \(p)"
            case .notASocket(let p): "\(p) exists and is not a socket (a file, directory or symlink is left alone)"
            case .system(let e): "\(e)"
            }
        }
    }

    /// What is at a socket path before quayd binds it.
    public enum Probe: Sendable, Equatable {
        case absent
        /// A socket file nobody listens on (left by a crash).
        case stale
        /// A live socket (another quayd).
        case live
        /// Anything that is not a socket, including a symlink (never followed).
        case notASocket
    }

    /// Looks at `path` with lstat and, for a socket, tries to connect.
    public static func probe(_ path: String) throws(Failure) -> Probe {
        var st = stat()
        if lstat(path, &st) != 0 {
            let e = errno
            if e == ENOENT { return .absent }
            throw .system(SystemError(call: "lstat", errno: e, path: path))
        }
        guard (st.st_mode & S_IFMT) == S_IFSOCK else { return .notASocket }
        do {
            let fd = try UnixSocket.connect(path: path)
            fd.close()
            return .live
        } catch {
            // ECONNREFUSED: nobody listens. Any other failure (EACCES for a socket of another user) cannot be a
            // quayd we could talk to either; the socket is replaced like a stale one.
            return .stale
        }
    }

    /// Creates, binds and listens on a unix stream socket at `path` (see the type's description). Refuses a live
    /// socket (`alreadyRunning`) and anything that is not a socket (`notASocket`); a stale socket is removed.
    /// `group` sets the socket's group (owner unchanged). Returns the listening descriptor (close-on-exec,
    /// blocking); the caller owns it.
    public static func listen(path: String, mode: mode_t, group: gid_t? = nil, backlog: Int32 = 256) throws(Failure) -> FileDescriptor {
        let cap = MemoryLayout.size(ofValue: sockaddr_un().sun_path)
        guard path.utf8.count < cap else { throw .system(SystemError(call: "bind", errno: ENAMETOOLONG, path: path)) }
        switch try probe(path) {
        case .absent: break
        case .live: throw .alreadyRunning(path)
        case .notASocket: throw .notASocket(path)
        case .stale:
            if unlink(path) != 0 && errno != ENOENT {
                throw .system(SystemError(call: "unlink", errno: errno, path: path))
            }
        }
        let parent = parentDirectory(path)
        var template = Array((parent == "/" ? "/.quayd-XXXXXX" : parent + "/.quayd-XXXXXX").utf8CString)
        let made = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        guard made != nil else { throw .system(SystemError(call: "mkdtemp", errno: errno, path: parent)) }
        let privateDir = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let tmpPath = privateDir + "/s"
        defer {
            _ = unlink(tmpPath)
            _ = rmdir(privateDir)
        }
        let fd: Int32
        do {
            fd = try retryingEINTR("socket") { socket(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0) }
        } catch { throw .system(error) }
        do throws(SystemError) {
            guard tmpPath.utf8.count < cap else { throw SystemError(call: "bind", errno: ENAMETOOLONG, path: tmpPath) }
            var addr = sockaddr_un()
            addr.sun_family = sa_family_t(AF_UNIX)
            let bytes = Array(tmpPath.utf8)
            withUnsafeMutableBytes(of: &addr.sun_path) { raw in
                raw.copyBytes(from: bytes)
                raw[bytes.count] = 0
            }
            let len = socklen_t(MemoryLayout<sockaddr_un>.size)
            _ = try retryingEINTR("bind", path: tmpPath) {
                withUnsafePointer(to: &addr) { p in p.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, len) } }
            }
            // Safe to use the path: only this process (and root) can enter the private directory.
            _ = try retryingEINTR("chmod", path: tmpPath) { chmod(tmpPath, mode) }
            if let group { _ = try retryingEINTR("lchown", path: tmpPath) { lchown(tmpPath, uid_t.max, group) } }
            _ = try retryingEINTR("listen", path: tmpPath) { Glibc.listen(fd, backlog) }
            _ = try retryingEINTR("rename", path: path) { rename(tmpPath, path) }
        } catch {
            Glibc.close(fd)
            throw .system(error)
        }
        return FileDescriptor(rawValue: fd)
    }

    static func parentDirectory(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        let p = String(path[..<slash])
        return p.isEmpty ? "/" : p
    }
}
