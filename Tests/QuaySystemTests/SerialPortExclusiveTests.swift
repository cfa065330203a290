import Foundation
import QuaySystem
import Testing

/// Device ttys are opened exclusively (TIOCEXCL): a second reader of a scanner's tty must not steal scans.
@Suite struct SerialPortExclusiveTests {
    @Test func openSetsExclusiveMode() throws {
        let pty = try PseudoTerminal.open()
        defer { pty.close() }
        let port = try SerialPort.open(pty.slavePath)
        defer { port.close() }
        #expect(try port.isExclusive())
    }

    /// Root bypasses TIOCEXCL, so the second open runs as nobody (setpriv) when the tests run as root.
    @Test func secondOpenByAnotherUserFailsWithEBUSY() throws {
        let pty = try PseudoTerminal.open()
        defer { pty.close() }
        let port = try SerialPort.open(pty.slavePath)
        defer { port.close() }
        chmod(pty.slavePath, 0o666)
        let script = """
            import errno, sys
            try:
                open(sys.argv[1], 'rb', buffering=0).close(); print('opened')
            except OSError as e:
                print(errno.errorcode.get(e.errno, e.errno))
            """
        var argv = ["/usr/bin/python3", "-c", script, pty.slavePath]
        if getuid() == 0 {
            guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setpriv") else { return }
            argv = ["/usr/bin/setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"] + argv
        }
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else { return }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: argv[0])
        p.arguments = Array(argv.dropFirst())
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        let said = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(said.trimmingCharacters(in: .whitespacesAndNewlines) == "EBUSY")
    }
}
