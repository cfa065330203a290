import Foundation
import QuayProvince
import QuaySystem

/// A real PostgreSQL 15 server for tests and `make bench`: `initdb` into a temporary directory and `pg_ctl
/// start` with only a Unix socket in that directory (no TCP port at all). As root the server runs as the
/// `postgres` user (PostgreSQL refuses root) through `runuser`. `stop()` ends it and removes the directory; a
/// process exit stops the shared cluster too.
public final class PostgresCluster: Sendable {
    public struct Failed: Error, CustomStringConvertible {
        public var description: String
    }

    public let directory: String
    public let binDirectory: String
    let asPostgres: Bool

    /// The cluster shared by every test of a process (started on first use, stopped at exit).
    public static func shared() throws -> PostgresCluster { try sharedCluster.get() }

    /// `durable`: false turns off fsync and synchronous commit (tests); true keeps PostgreSQL's defaults (bench).
    public init(durable: Bool = false) throws {
        binDirectory = ProcessInfo.processInfo.environment["QUAY_PG_BIN"] ?? "/usr/lib/postgresql/15/bin"
        guard FileManager.default.isExecutableFile(atPath: binDirectory + "/initdb") else {
            throw Failed(description: "PostgreSQL server not found in \(binDirectory) (Debian: apt-get install postgresql)")
        }
        asPostgres = getuid() == 0
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("quay-pg-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        directory = base.path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
        if asPostgres { try Self.run("/bin/chown", ["postgres:postgres", directory]) }
        try runServerTool(
            "initdb", ["-D", directory + "/data", "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"])
        var options = "-k \(directory) -c listen_addresses='' -c max_connections=40 -c shared_buffers=128MB"
        if !durable { options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off" }
        do {
            try runServerTool(
                "pg_ctl", ["-D", directory + "/data", "-l", directory + "/server.log", "-w", "-t", "60", "-o", options, "start"])
        } catch {
            let log = (try? String(contentsOfFile: directory + "/server.log", encoding: .utf8)) ?? ""
            throw Failed(description: "\(error)\n\(log)")
        }
    }

    /// The socket file of this cluster.
    public var socket: String { ProvinceConnection.socketFile(directory: directory) }

    public func connection(database: String) -> ProvinceConnection {
        ProvinceConnection(endpoint: .unixSocket(path: socket), database: database, user: "postgres")
    }

    /// Creates a fresh empty database `name` (dropping one of that name first).
    public func createDatabase(_ name: String) throws {
        try psql("DROP DATABASE IF EXISTS \"\(name)\"")
        try psql("CREATE DATABASE \"\(name)\"")
    }

    /// Runs one SQL command as the superuser on `database` and returns its unaligned output.
    @discardableResult
    public func psql(_ sql: String, database: String = "postgres") throws -> String {
        try Self.run(
            binDirectory + "/psql", ["-h", directory, "-U", "postgres", "-d", database, "-XAtq", "-v", "ON_ERROR_STOP=1", "-c", sql])
    }

    public func stop() {
        _ = try? runServerTool("pg_ctl", ["-D", directory + "/data", "-m", "immediate", "-w", "stop"])
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// initdb and pg_ctl through QuaySystem's `ChildProcess` (posix_spawn and waitpid, bounded in time): the
    /// server that pg_ctl leaves running holds none of our pipes and is in its own session, untouched by the
    /// group kill that ends the run.
    private func runServerTool(_ tool: String, _ args: [String]) throws {
        let argv = (asPostgres ? ["/usr/sbin/runuser", "-u", "postgres", "--"] : []) + [binDirectory + "/" + tool] + args
        let outcome: ChildProcess.Outcome
        do {
            outcome = try ChildProcess.run(argv, environment: ChildProcess.hookEnvironment, input: [], timeoutSeconds: 120)
        } catch { throw Failed(description: "\(tool): \(error)") }
        guard outcome.termination == .exited(0) else {
            throw Failed(
                description: "\(argv.joined(separator: " ")): \(outcome.termination): \(String(decoding: outcome.stderr, as: UTF8.self))")
        }
    }

    @discardableResult
    static func run(_ tool: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        p.standardInput = FileHandle.nullDevice
        let out = Pipe(), err = Pipe()
        (p.standardOutput, p.standardError) = (out, err)
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw Failed(description: "\(tool) \(args.joined(separator: " ")) failed: \(String(decoding: errData + data, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }
}

private let sharedCluster: Result<PostgresCluster, Error> = {
    let r = Result { try PostgresCluster() }
    if case .success = r { atexit { stopSharedCluster() } }
    return r
}()

private func stopSharedCluster() {
    if case .success(let c) = sharedCluster { c.stop() }
}
