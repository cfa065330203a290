import Foundation
import Logging
import QuayControl
import Testing

/// ControlServer binds its socket without following symlinks planted in the socket's directory (a root-run
/// quayd must never chmod/chown another file), refuses to steal a live socket, and replaces a stale one.
@Suite(.timeLimit(.minutes(1))) struct ControlSocketSafetyTests {
    struct Echo: ControlHandler {
        func handle(_ request: Request, identity: AccessPolicy.Identity, peer: PeerCredentials) async -> ControlReply {
            .line(Wire.ok(request.id, ["op": request.op]))
        }
    }

    func tempDir() throws -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("quay-sock-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    func mode(_ path: String) -> mode_t {
        var st = stat()
        guard lstat(path, &st) == 0 else { return 0 }
        return st.st_mode
    }

    /// Starts a server; returns its task once it listens, or the error it failed with.
    func start(_ path: String, mode: mode_t = 0o660) async -> (Task<Void, Error>?, Error?) {
        var options = ControlServer.Options(path: path)
        options.mode = mode
        let server = ControlServer(
            options: options, access: AccessPolicy(defaultRole: .admin), handler: Echo(), logger: Logger(label: "test"))
        let (ready, readyC) = AsyncStream.makeStream(of: Void.self)
        let task = Task {
            defer { readyC.finish() }
            try await server.run(onListening: { readyC.yield() })
        }
        for await _ in ready { return (task, nil) }
        if case .failure(let e) = await task.result { return (nil, e) }
        return (nil, nil)
    }

    /// The server binds through `UnixListener` (raced by an attacker in `UnixListenerTests`): a symlink planted at
    /// the socket path is refused, and the file it points to keeps its mode.
    @Test func aSymlinkAtTheSocketPathIsRefusedAndTheVictimKeepsItsMode() async throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/control.sock"
        let victim = dir + "/victim"
        FileManager.default.createFile(atPath: victim, contents: Data("secret".utf8), attributes: [.posixPermissions: 0o600])
        symlink(victim, path)
        let (task, err) = await start(path, mode: 0o666)
        #expect(task == nil)
        #expect("\(String(describing: err))".contains("not a socket"))
        #expect(mode(victim) & 0o777 == 0o600)
    }

    @Test func liveSocketIsNotStolenStaleOneIsReplacedFileIsLeftAlone() async throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/control.sock"
        let (first, err) = await start(path)
        #expect(err == nil)
        #expect(mode(path) & 0o777 == 0o660)
        let (second, err2) = await start(path)
        #expect(second == nil)
        #expect("\(String(describing: err2))".contains("another quayd already listens"))
        first?.cancel()
        _ = await first?.result
        // The socket file is left behind (stale): the next start replaces it.
        let (third, err3) = await start(path)
        #expect(err3 == nil)
        #expect(try ControlClient(path: path).call("ping", timeoutMs: 5000)["ok"] == .bool(true))
        third?.cancel()
        _ = await third?.result
        unlink(path)
        FileManager.default.createFile(atPath: path, contents: Data("keep".utf8))
        let (fourth, err4) = await start(path)
        #expect(fourth == nil)
        #expect("\(String(describing: err4))".contains("not a socket"))
        #expect(try String(contentsOfFile: path, encoding: .utf8) == "keep")
    }
}
