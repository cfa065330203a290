import Foundation
import QuaySystem
import Testing

/// The notifier hook runs contained: own process group killed as a whole, clean environment, fds 0-2 only,
/// and a background process it leaves behind never stalls the daemon.
@Suite(.timeLimit(.minutes(1))) struct ChildProcessTests {
    func sh(_ script: String, input: String = "", timeout: Double = 5) throws -> ChildProcess.Outcome {
        try ChildProcess.run(["/bin/sh", "-c", script], input: Array(input.utf8), timeoutSeconds: timeout)
    }

    /// The group is gone once `run` returns (killed zombies may take a moment to be reaped by init).
    func groupIsGone(_ pgid: pid_t) -> Bool {
        for _ in 0..<200 {
            if kill(-pgid, 0) == -1 && errno == ESRCH { return true }
            usleep(10_000)
        }
        return false
    }

    @Test func backgroundChildHoldingStderrDoesNotStall() throws {
        let start = Date()
        let o = try sh("sleep 30 & echo started >&2; exit 0")
        #expect(Date().timeIntervalSince(start) < 2)
        #expect(o.termination == .exited(0))
        #expect(String(decoding: o.stderr, as: UTF8.self).contains("started"))
        #expect(groupIsGone(o.processGroup))
    }

    @Test func timeoutKillsTheWholeGroup() throws {
        let start = Date()
        let o = try sh("sleep 30 & sleep 30", timeout: 0.5)
        #expect(Date().timeIntervalSince(start) < 2.5)
        #expect(o.termination == .timedOut)
        #expect(groupIsGone(o.processGroup))
        // The next run is prompt.
        let t = Date()
        #expect(try sh("exit 3").termination == .exited(3))
        #expect(Date().timeIntervalSince(t) < 1)
    }

    @Test func environmentIsClean() throws {
        setenv("QUAY_SECRET_TEST_VAR", "leak", 1)
        let o = try sh("env >&2")
        let env = Set(String(decoding: o.stderr, as: UTF8.self).split(separator: "\n").map { String($0.split(separator: "=")[0]) })
        #expect(!env.contains("QUAY_SECRET_TEST_VAR"))
        #expect(env.isSubset(of: ["PATH", "LANG", "PWD", "SHLVL", "_", "OLDPWD"]), "\(env)")
        #expect(String(decoding: o.stderr, as: UTF8.self).contains("PATH=/usr/local/bin:/usr/bin:/bin"))
    }

    @Test func onlyStandardDescriptorsAreOpen() throws {
        // Descriptors the daemon has open (a file, a socket) must not reach the hook.
        let leaked = open("/etc/hostname", O_RDONLY)
        defer { close(leaked) }
        // The hook execs ls, which lists its own descriptors; the one it reads /proc/self/fd with is not counted.
        let o = try sh("exec ls -l /proc/self/fd >&2", input: "{}")
        let fds = String(decoding: o.stderr, as: UTF8.self).split(separator: "\n").compactMap { line -> String? in
            let parts = line.split(separator: " ")
            guard let arrow = parts.firstIndex(of: "->"), arrow > 0, arrow + 1 < parts.count else { return nil }
            return parts[arrow + 1].hasPrefix("/proc/") ? nil : String(parts[arrow - 1])
        }
        #expect(fds.sorted() == ["0", "1", "2"], "\(o.stderr)")
    }

    @Test func inputArrivesOnStdinAndSignalsAreDefault() throws {
        let o = try sh("cat >&2; kill -TERM $$; sleep 5", input: "{\"a\":1}")
        #expect(String(decoding: o.stderr, as: UTF8.self) == "{\"a\":1}")
        #expect(o.termination == .signaled(SIGTERM))
    }

    @Test func missingExecutableIsATypedError() {
        #expect(throws: SystemError.self) { _ = try ChildProcess.run(["/nonexistent/hook"], input: [], timeoutSeconds: 1) }
    }
}
