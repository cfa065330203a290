import Foundation
import QuayControl
import QuaySystem

/// Paths of the built executables: $QUAY_BIN_DIR, else the directory of the running test binary.
enum Binaries {
    static var dir: String {
        if let d = ProcessInfo.processInfo.environment["QUAY_BIN_DIR"] { return d }
        var url = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        // swift test runs .build/<triple>/debug/QuayPackageTests.xctest
        if url.lastPathComponent.hasSuffix(".xctest") { url = url.deletingLastPathComponent() }
        return url.path
    }
    static var quayd: String { dir + "/quayd" }
    static var quayctl: String { dir + "/quayctl" }
}

/// A temporary directory removed at deinit.
final class TempDir {
    let path: String
    init(_ prefix: String = "quay-test") {
        path = NSTemporaryDirectory() + "\(prefix)-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit { try? FileManager.default.removeItem(atPath: path) }
    func file(_ name: String) -> String { path + "/" + name }
}

/// A real quayd process with its own config, state directory and socket.
final class DaemonProcess: @unchecked Sendable {
    let dir: TempDir
    let process = Process()
    let configPath: String
    let socket: String
    let stderrPath: String
    var extraArgs: [String] = []

    init(config: String = TestConfig.basic, dir: TempDir = TempDir(), environment: [String: String] = [:], launchPrefix: [String] = [])
        throws
    {
        // Tests write to sockets the daemon closes on purpose (overlong lines): EPIPE, not a dead test process.
        _ = Glibc.signal(SIGPIPE, SIG_IGN)
        self.dir = dir
        configPath = dir.file("quayd.toml")
        socket = dir.file("control.sock")
        stderrPath = dir.file("quayd.log")
        try config.write(toFile: configPath, atomically: true, encoding: .utf8)
        FileManager.default.createFile(atPath: stderrPath, contents: nil)
        let args = ["run", "--config", configPath, "--socket", socket, "--state-dir", dir.file("state")]
        if launchPrefix.isEmpty {
            process.executableURL = URL(fileURLWithPath: Binaries.quayd)
            process.arguments = args
        } else {
            process.executableURL = URL(fileURLWithPath: launchPrefix[0])
            process.arguments = Array(launchPrefix.dropFirst()) + [Binaries.quayd] + args
        }
        var env = ProcessInfo.processInfo.environment
        env["QUAYD_LOG_LEVEL"] = "debug"
        env.removeValue(forKey: "NOTIFY_SOCKET")
        for (k, v) in environment { env[k] = v }
        process.environment = env
        process.standardError = FileHandle(forWritingAtPath: stderrPath)
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
    }

    func start(timeout: Double = 20) throws {
        try process.run()
        LiveDaemons.add(process.processIdentifier)
        try waitReady(timeout: timeout)
    }

    func waitReady(timeout: Double) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if !process.isRunning { throw TestFailure("quayd exited early (\(process.terminationStatus)):\n\(log)") }
            if let c = try? ControlClient(path: socket), let r = try? c.call("ping", timeoutMs: 2000), r["ok"]?.bool == true { return }
            usleep(50_000)
        }
        throw TestFailure("quayd not ready after \(timeout)s:\n\(log)")
    }

    func client() throws -> ControlClient { try ControlClient(path: socket) }

    var log: String { (try? String(contentsOfFile: stderrPath, encoding: .utf8)) ?? "" }

    func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func signal(_ s: Int32) { kill(process.processIdentifier, s) }

    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning { kill9() }
        LiveDaemons.remove(process.processIdentifier)
    }
}

/// Daemons still running when the test process exits (e.g. one shared by a suite) are killed then, so no test
/// run leaves a quayd behind.
enum LiveDaemons {
    nonisolated(unsafe) static var pids: Set<Int32> = []
    static let lock = NSLock()
    nonisolated(unsafe) static var installed = false

    static func add(_ pid: Int32) {
        lock.lock()
        defer { lock.unlock() }
        pids.insert(pid)
        if !installed {
            installed = true
            atexit {
                LiveDaemons.lock.lock()
                for p in LiveDaemons.pids { kill(p, SIGKILL) }
                LiveDaemons.lock.unlock()
            }
        }
    }

    static func remove(_ pid: Int32) {
        lock.lock()
        pids.remove(pid)
        lock.unlock()
    }
}

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ d: String) { description = d }
}

enum TestConfig {
    static let basic = """
        [center]
        site = "test-site"
        name_vi = "Trung tâm thử nghiệm"
        name_km = "មជ្ឈមណ្ឌលសាកល្បង"
        timezone = "Asia/Ho_Chi_Minh"

        [policy]
        regular_per_priority = 2
        language_fallback_minutes = 10
        max_recalls = 2

        [[service]]
        id = "hotich"
        prefix = "A"
        name_vi = "Tư pháp – Hộ tịch"
        range = [1, 99999]
        digits = 3

        [[service]]
        id = "datdai"
        prefix = "B"
        name_vi = "Đất đai"
        range = [1, 99999]

        [[counter]]
        id = "q1"
        number = "1"
        services = ["hotich", "datdai"]

        [[counter]]
        id = "q2"
        number = "2"
        services = ["hotich"]
        languages = ["vi", "km"]

        [access]
        default_role = "admin"
        """

    static func with(_ extra: String) -> String { basic + "\n" + extra + "\n" }

    /// The basic center with `[access]` replaced: `defaultRole`, then `grants` (TOML `[[access.grant]]` tables), a
    /// socket every local user may open (roles decide what they may do), and `before` tables ahead of `[access]`.
    static func withAccess(defaultRole: String = "none", grants: String, before: String = "") -> String {
        basic.replacingOccurrences(of: "default_role = \"admin\"", with: "default_role = \"\(defaultRole)\"\n\n" + grants)
            .replacingOccurrences(of: "[access]", with: before + "[paths]\nsocket_mode = \"0666\"\n\n[access]")
    }
}

extension ControlClient {
    /// Issues a ticket and returns its number, throwing on refusal.
    func issue(_ service: String = "hotich", language: String = "vi", priority: String? = nil) throws -> JSONValue {
        var f: [String: JSONValue] = ["service": .string(service), "language": .string(language)]
        if let priority { f["priority"] = .string(priority) }
        let r = try call("issue", f)
        guard r["ok"]?.bool == true else { throw TestFailure("issue refused: \(r)") }
        return r
    }
}
