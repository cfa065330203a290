import CQuaySys
import Testing
@testable import QuaySystem
#if canImport(Glibc)
import Glibc
#endif

/// The ioctl numbers and `struct ucred` QuaySystem uses come from the system headers (the CQuaySys shim), not
/// from hand-coded numbers: the typed constants must equal what the C compiler computes from the headers.
@Suite("ioctl constants and struct ucred from the system headers")
struct IoctlConstantsTests {
    @Test("typed constants equal the header values and the values compiled in shim.c")
    func matchHeaders() {
        let pairs: [(IoctlRequest, UInt, UInt)] = [
            (.evdevGrab, UInt(cquaysys_EVIOCGRAB), UInt(cquaysys_compiled_EVIOCGRAB())),
            (.lpGetStatus, UInt(cquaysys_LPGETSTATUS), UInt(cquaysys_compiled_LPGETSTATUS())),
            (.ttyExclusive, UInt(cquaysys_TIOCEXCL), UInt(cquaysys_compiled_TIOCEXCL())),
            (.ttyGetExclusive, UInt(cquaysys_TIOCGEXCL), UInt(cquaysys_compiled_TIOCGEXCL())),
            (.ptySetLock, UInt(cquaysys_TIOCSPTLCK), UInt(cquaysys_compiled_TIOCSPTLCK())),
            (.ptyGetNumber, UInt(cquaysys_TIOCGPTN), UInt(cquaysys_compiled_TIOCGPTN())),
        ]
        for (request, header, compiled) in pairs {
            #expect(request.rawValue == header, "\(request)")
            #expect(request.rawValue == compiled, "\(request)")
        }
        // The numbers are distinct (a copy-paste slip would alias two requests).
        #expect(Set(pairs.map(\.0.rawValue)).count == pairs.count)
    }

    #if arch(x86_64) || arch(arm64)
    @Test("known Linux values on x86_64 and arm64 (asm-generic ioctl encoding)")
    func knownValues() {
        #expect(IoctlRequest.evdevGrab.rawValue == 0x4004_4590)  // _IOW('E', 0x90, int)
        #expect(IoctlRequest.lpGetStatus.rawValue == 0x060B)
        #expect(IoctlRequest.ttyExclusive.rawValue == 0x540C)
        #expect(IoctlRequest.ttyGetExclusive.rawValue == 0x8004_5440)  // _IOR('T', 0x40, int)
        #expect(IoctlRequest.ptySetLock.rawValue == 0x4004_5431)  // _IOW('T', 0x31, int)
        #expect(IoctlRequest.ptyGetNumber.rawValue == 0x8004_5430)  // _IOR('T', 0x30, unsigned int)
        // Glibc exports the plain TIOCEXCL macro too: the shim agrees with it.
        #expect(IoctlRequest.ttyExclusive.rawValue == UInt(TIOCEXCL))
    }
    #endif

    @Test("struct ucred: the shim's layout is glibc's (pid, uid, gid) and SO_PEERCRED fills it")
    func ucredLayout() throws {
        #expect(MemoryLayout<SocketPeerCredentials>.size == Int(cquaysys_sizeof_ucred()))
        #expect(MemoryLayout<SocketPeerCredentials>.offset(of: \.pid) == 0)
        #expect(MemoryLayout<SocketPeerCredentials>.offset(of: \.uid) == 4)
        #expect(MemoryLayout<SocketPeerCredentials>.offset(of: \.gid) == 8)

        var sv: [Int32] = [-1, -1]
        #expect(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &sv) == 0)
        defer {
            close(sv[0])
            close(sv[1])
        }
        var cred = SocketPeerCredentials()
        var len = socklen_t(MemoryLayout<SocketPeerCredentials>.size)
        #expect(getsockopt(sv[0], SOL_SOCKET, SO_PEERCRED, &cred, &len) == 0)
        #expect(Int(len) == MemoryLayout<SocketPeerCredentials>.size)
        #expect(cred.pid == getpid())
        #expect(cred.uid == getuid())
        #expect(cred.gid == getgid())
    }

    @Test("the ioctl wrappers reach the kernel: a pty slave toggles exclusive mode")
    func ioctlWrappers() throws {
        let pty = try PseudoTerminal.open()
        defer { pty.close() }
        let port = try SerialPort.open(pty.slavePath, SerialPort.Configuration(baud: 9600), nonBlocking: true)
        defer { port.close() }
        #expect(try port.isExclusive())
        // An evdev grab on a tty is refused with a typed error (ENOTTY/EINVAL), not a crash or a silent -1.
        #expect(throws: SystemError.self) { try port.fd.grabInputDevice() }
    }
}

@Suite("WakePipe")
struct WakePipeTests {
    @Test("signal wakes a poll on the read end; drain makes it quiet again; signal never blocks")
    func wakes() throws {
        let w = try WakePipe()
        #expect(try Poll.wait([(w.readEnd, .readable)], timeoutMs: 0) == [[]])
        for _ in 0..<100_000 { w.signal() }  // far beyond the pipe's capacity: must not block
        #expect(try Poll.wait(w.readEnd, for: .readable, timeoutMs: 0).contains(.readable))
        w.drain()
        #expect(try Poll.wait(w.readEnd, for: .readable, timeoutMs: 0).isEmpty)
    }
}
