#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Runs an external command (the notifier hook) contained: in its own process group, with only the given
/// environment, with exactly stdin/stdout/stderr open (every other descriptor of the daemon is closed in the
/// child), bounded in time for the whole group, and without ever waiting on a pipe that a left-behind
/// grandchild holds open.
public enum ChildProcess {
    /// How the direct child ended.
    public enum Termination: Sendable, Equatable {
        case exited(Int32)
        case signaled(Int32)
        /// Still running at the deadline: the whole group was killed.
        case timedOut
    }

    public struct Outcome: Sendable, Equatable {
        public var termination: Termination
        /// The end of what the group wrote to stderr (at most `stderrLimit` bytes), unfiltered.
        public var stderr: [UInt8]
        /// The child's process group (its pid). Every member is sent SIGKILL before `run` returns.
        public var processGroup: pid_t
    }

    /// The environment hooks get: nothing from the daemon's own.
    public static let hookEnvironment = ["PATH=/usr/local/bin:/usr/bin:/bin", "LANG=C.UTF-8"]

    /// Spawns `argv` (argv[0] is a path, not searched in PATH) with `input` on stdin, stdout to /dev/null (or to
    /// `stdoutPath`, created or truncated, mode 0600) and stderr captured, then waits up to `timeoutSeconds` for it
    /// to exit. Blocking: call it off the event loops.
    ///
    /// When the direct child has exited, or at the deadline, the whole process group is killed (a hook's
    /// `sleep 30 &` does not outlive it), the child is reaped, and whatever stderr is already buffered is read
    /// without waiting for end-of-file. `input` must fit in a pipe buffer (64 KiB): it is written before the
    /// child starts, so a child that never reads it cannot block the daemon, nor make it die of SIGPIPE.
    public static func run(
        _ argv: [String], environment: [String] = hookEnvironment, input: [UInt8],
        timeoutSeconds: Double, stderrLimit: Int = 4096, stdoutPath: String? = nil
    ) throws(SystemError) -> Outcome {
        guard let path = argv.first, !path.isEmpty else { throw SystemError(call: "posix_spawn", errno: ENOENT) }
        let stdinPipe = try makePipe()
        do {
            try fillAndClose(writeEnd: stdinPipe.write, input)
        } catch {
            stdinPipe.read.close()
            throw error
        }
        let errPipe: (read: FileDescriptor, write: FileDescriptor)
        let devNull: FileDescriptor
        do throws(SystemError) {
            errPipe = try makePipe()
            do throws(SystemError) {
                // stdout goes to a file the caller reads afterwards (a TTS command's WAV), else to /dev/null.
                if let stdoutPath {
                    devNull = try FileDescriptor.open(stdoutPath, [.writeOnly, .create, .truncate], mode: 0o600)
                } else {
                    devNull = try FileDescriptor.open("/dev/null", .readWrite)
                }
            } catch {
                errPipe.read.close()
                errPipe.write.close()
                throw error
            }
        } catch {
            stdinPipe.read.close()
            throw error
        }
        let pid: pid_t
        do {
            defer {
                stdinPipe.read.close()
                errPipe.write.close()
                devNull.close()
            }
            pid = try spawn(
                path: path, argv: argv, environment: environment,
                stdin: stdinPipe.read.rawValue, stdout: devNull.rawValue, stderr: errPipe.write.rawValue)
        } catch {
            errPipe.read.close()
            throw error
        }
        let errRead = errPipe.read
        defer { errRead.close() }
        _ = try? errRead.setNonBlocking()

        var captured: [UInt8] = []
        var errOpen = true
        let deadline = monotonicNanos() + UInt64(max(0, timeoutSeconds) * 1_000_000_000)
        var timedOut = false
        while true {
            if exitedWithoutReaping(pid) { break }
            let now = monotonicNanos()
            if now >= deadline {
                timedOut = true
                break
            }
            let tick = Int32(min(20, (deadline - now) / 1_000_000 + 1))
            if errOpen {
                let ready = (try? Poll.wait(errRead, for: .readable, timeoutMs: tick)) ?? []
                if !ready.isEmpty { errOpen = drain(errRead, into: &captured, limit: stderrLimit) }
            } else {
                var ts = timespec(tv_sec: 0, tv_nsec: Int(tick) * 1_000_000)
                _ = nanosleep(&ts, nil)
            }
        }
        // The leader is a zombie (or still running at the deadline), so its pid still names the group: no other
        // process can have been given this process group id.
        _ = kill(-pid, SIGKILL)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        if errOpen { _ = drain(errRead, into: &captured, limit: stderrLimit) }
        let termination: Termination
        if timedOut {
            termination = .timedOut
        } else if status & 0x7f == 0 {
            termination = .exited((status >> 8) & 0xff)
        } else {
            termination = .signaled(status & 0x7f)
        }
        return Outcome(termination: termination, stderr: captured, processGroup: pid)
    }

    /// posix_spawn in a new process group, all signals default and unblocked, fds 0-2 as given, the rest closed.
    static func spawn(path: String, argv: [String], environment: [String], stdin: Int32, stdout: Int32, stderr: Int32) throws(SystemError)
        -> pid_t
    {
        var actions = posix_spawn_file_actions_t()
        var attr = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attr)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attr)
        }
        func check(_ rc: Int32, _ call: String) throws(SystemError) {
            if rc != 0 { throw SystemError(call: call, errno: rc, path: path) }
        }
        try check(posix_spawn_file_actions_adddup2(&actions, stdin, 0), "posix_spawn_file_actions_adddup2")
        try check(posix_spawn_file_actions_adddup2(&actions, stdout, 1), "posix_spawn_file_actions_adddup2")
        try check(posix_spawn_file_actions_adddup2(&actions, stderr, 2), "posix_spawn_file_actions_adddup2")
        if let closefrom = Self.addClosefrom {
            try check(closefrom(&actions, 3), "posix_spawn_file_actions_addclosefrom_np")
        } else {
            // Older glibc: close every descriptor open now (EBADF for one closed meanwhile is ignored).
            for fd in openDescriptors() where fd > 2 {
                try check(posix_spawn_file_actions_addclose(&actions, fd), "posix_spawn_file_actions_addclose")
            }
        }
        var noSignals = sigset_t()
        var allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        try check(posix_spawnattr_setsigmask(&attr, &noSignals), "posix_spawnattr_setsigmask")
        try check(posix_spawnattr_setsigdefault(&attr, &allSignals), "posix_spawnattr_setsigdefault")
        try check(posix_spawnattr_setpgroup(&attr, 0), "posix_spawnattr_setpgroup")
        let flags = Int32(POSIX_SPAWN_SETPGROUP) | Int32(POSIX_SPAWN_SETSIGMASK) | Int32(POSIX_SPAWN_SETSIGDEF)
        try check(posix_spawnattr_setflags(&attr, Int16(flags)), "posix_spawnattr_setflags")

        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup($0) } + [nil]
        defer {
            for p in cArgv { free(p) }
            for p in cEnv { free(p) }
        }
        var pid: pid_t = 0
        let rc = cArgv.withUnsafeBufferPointer { a in
            cEnv.withUnsafeBufferPointer { e in
                posix_spawn(&pid, path, &actions, &attr, a.baseAddress!, e.baseAddress!)
            }
        }
        try check(rc, "posix_spawn")
        return pid
    }

    /// True once `pid` has exited; leaves it a zombie (WNOWAIT) so that its pid keeps naming its group.
    static func exitedWithoutReaping(_ pid: pid_t) -> Bool {
        while true {
            var info = siginfo_t()
            let r = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
            if r == -1 {
                if errno == EINTR { continue }
                return true  // ECHILD: nothing left to wait for
            }
            return info._sifields._sigchld.si_pid == pid
        }
    }

    static func makePipe() throws(SystemError) -> (read: FileDescriptor, write: FileDescriptor) {
        var fds: [Int32] = [-1, -1]
        if let pipe2 = Self.pipe2 {
            _ = try retryingEINTR("pipe2") { pipe2(&fds, O_CLOEXEC) }
        } else {
            _ = try retryingEINTR("pipe") { pipe(&fds) }
            for fd in fds { _ = fcntl(fd, F_SETFD, FD_CLOEXEC) }
        }
        return (FileDescriptor(rawValue: fds[0]), FileDescriptor(rawValue: fds[1]))
    }

    // glibc functions the Glibc module does not export (they need _GNU_SOURCE / __USE_MISC); both exist in
    // Debian 12's glibc 2.36 (posix_spawn_file_actions_addclosefrom_np since 2.34).
    private typealias AddClosefrom = @convention(c) (UnsafeMutablePointer<posix_spawn_file_actions_t>, Int32) -> Int32
    private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>, Int32) -> Int32
    private static let addClosefrom: AddClosefrom? = dlsym(
        UnsafeMutableRawPointer(bitPattern: 0), "posix_spawn_file_actions_addclosefrom_np"
    )
    .map { unsafeBitCast($0, to: AddClosefrom.self) }
    private static let pipe2: Pipe2? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "pipe2").map { unsafeBitCast($0, to: Pipe2.self) }

    /// Descriptors open in this process now (from /proc/self/fd).
    static func openDescriptors() -> [Int32] {
        guard let dir = opendir("/proc/self/fd") else { return [] }
        defer { closedir(dir) }
        var fds: [Int32] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if let fd = Int32(name) { fds.append(fd) }
        }
        return fds
    }

    /// Writes all of `bytes` into an empty pipe without blocking, then closes it. EFBIG when it does not fit.
    static func fillAndClose(writeEnd: FileDescriptor, _ bytes: [UInt8]) throws(SystemError) {
        defer { writeEnd.close() }
        try writeEnd.setNonBlocking()
        var offset = 0
        while offset < bytes.count {
            let r = bytes.withUnsafeBytes { b -> Result<Int, SystemError> in
                do throws(SystemError) { return .success(try writeEnd.write(UnsafeRawBufferPointer(rebasing: b[offset...]))) } catch {
                    return .failure(error)
                }
            }
            switch r {
            case .success(let n): offset += n
            case .failure(let e) where e.isWouldBlock: throw SystemError(call: "write(stdin)", errno: EFBIG)
            case .failure(let e): throw e
            }
        }
    }

    /// Reads what is available now; keeps the last `limit` bytes. False at end of file or on an error.
    static func drain(_ fd: FileDescriptor, into buffer: inout [UInt8], limit: Int) -> Bool {
        for _ in 0..<256 {
            let chunk: [UInt8]
            do { chunk = try fd.read(upTo: 4096) } catch {
                return error.isWouldBlock
            }
            if chunk.isEmpty { return false }
            buffer.append(contentsOf: chunk)
            if buffer.count > limit { buffer.removeFirst(buffer.count - limit) }
        }
        return true
    }
}
