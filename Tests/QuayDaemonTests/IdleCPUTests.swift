import Foundation
import Testing

/// An idle quayd sleeps: a service that loops without waiting (the notifier once did, after its first timed wait)
/// would burn a core on the center's small box and slow every client.
@Suite struct IdleCPUTests {
    /// CPU seconds (user + system) the process has used, from /proc/PID/stat.
    static func cpuSeconds(_ pid: Int32) -> Double {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")")
        else { return -1 }
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        // After the command: state is field 3; utime and stime are fields 14 and 15 (1-based in proc(5)).
        guard fields.count > 13, let u = Double(fields[11]), let s = Double(fields[12]) else { return -1 }
        return (u + s) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    @Test func anIdleDaemonUsesAlmostNoCPU() throws {
        let dir = TempDir("quay-idle")
        let script = dir.file("notify.sh")
        try "cat > /dev/null\n".write(toFile: script, atomically: true, encoding: .utf8)
        let d = try DaemonProcess(
            config: TestConfig.with(
                """
                [dossiers]
                notifier_command = ["/bin/sh", "\(script)"]
                notifier_poll_seconds = 0.2
                """), dir: dir)
        try d.start()
        usleep(1_500_000)  // past start-up and the notifier's first timed waits
        let pid = d.process.processIdentifier
        let before = Self.cpuSeconds(pid)
        usleep(3_000_000)
        let used = Self.cpuSeconds(pid) - before
        #expect(before >= 0 && used >= 0)
        #expect(used < 0.3, "an idle quayd used \(used) s of CPU in 3 s")
    }
}
