import Foundation

/// Runs a small Python client as another uid (`setpriv`), for tests of what a non-root peer may do. The script
/// gets the socket path as argv[1] and prints one JSON line per result; the test parses them.
enum PeerScript {
    static let python = FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") ? "/usr/bin/python3" : "python3"

    /// Helpers every script can use: `call(line)` sends one line on a new connection and returns the reply line.
    static let prelude = """
        import json, socket, sys, time
        SOCK = sys.argv[1]
        def conn():
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.connect(SOCK)
            s.settimeout(10)
            return s
        def readline(s):
            buf = b''
            while not buf.endswith(b'\\n'):
                d = s.recv(65536)
                if not d:
                    break
                buf += d
            return buf.decode('utf-8', 'replace').strip()
        def call(line):
            s = conn()
            s.sendall(line.encode() + b'\\n')
            r = readline(s)
            s.close()
            return r

        """

    /// Runs `body` (Python, after the prelude) as `uid`; returns its stdout lines.
    static func run(_ body: String, socket: String, uid: UInt32 = 65534, gid: UInt32 = 65534, timeout: Double = 60) throws -> [String] {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/setpriv")
        p.arguments = ["--reuid=\(uid)", "--regid=\(gid)", "--clear-groups", "--", python, "-c", prelude + body, socket]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.standardError
        try p.run()
        let deadline = Date().addingTimeInterval(timeout)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        while p.isRunning, Date() < deadline { usleep(10_000) }
        if p.isRunning { p.terminate() }
        return String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    }
}
