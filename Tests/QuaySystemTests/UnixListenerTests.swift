import Foundation
import QuaySystem
import Testing
import Synchronization

/// The control socket is created in a private directory and renamed into place: nothing at the final path is
/// ever chmod-ed or chown-ed through a symlink, and live, stale and foreign files are told apart.
@Suite struct UnixListenerTests {
    func tempDir() throws -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("quay-ul-\(UUID().uuidString.prefix(8))").path
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    func mode(_ path: String) -> mode_t {
        var st = stat()
        guard lstat(path, &st) == 0 else { return 0 }
        return st.st_mode
    }

    @Test func socketAppearsListeningWithItsModeAndNoLeftovers() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/control.sock"
        let old = umask(0o022)
        defer { umask(old) }
        let fd = try UnixListener.listen(path: path, mode: 0o660, group: getgid())
        defer { fd.close() }
        #expect(mode(path) & S_IFMT == S_IFSOCK)
        #expect(mode(path) & 0o777 == 0o660)
        // Listening before it appears: a client connects at once (no ECONNREFUSED window).
        let c = try UnixSocket.connect(path: path)
        c.close()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["control.sock"])
    }

    @Test func liveStaleAndForeignPaths() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/control.sock"
        #expect(try UnixListener.probe(path) == .absent)
        let live = try UnixListener.listen(path: path, mode: 0o600)
        #expect(try UnixListener.probe(path) == .live)
        #expect(throws: UnixListener.Failure.alreadyRunning(path)) { _ = try UnixListener.listen(path: path, mode: 0o600) }
        live.close()
        #expect(try UnixListener.probe(path) == .stale)
        let again = try UnixListener.listen(path: path, mode: 0o600)
        again.close()
        // A regular file and a symlink are left alone.
        unlink(path)
        FileManager.default.createFile(atPath: path, contents: Data("x".utf8))
        #expect(throws: UnixListener.Failure.notASocket(path)) { _ = try UnixListener.listen(path: path, mode: 0o600) }
        unlink(path)
        let victim = dir + "/victim"
        FileManager.default.createFile(atPath: victim, contents: Data("secret".utf8), attributes: [.posixPermissions: 0o600])
        symlink(victim, path)
        #expect(throws: UnixListener.Failure.notASocket(path)) { _ = try UnixListener.listen(path: path, mode: 0o666) }
        #expect(mode(victim) & 0o777 == 0o600)
    }

    /// An attacker who can write the socket's directory swaps every socket that appears at the path for a
    /// symlink to a victim file, as fast as it can. The old code (bind at the path, then chmod/chown the path)
    /// chmod-ed the victim; now the socket is chmod-ed inside a private directory, so the victim never changes.
    @Test func swappingTheSocketForASymlinkNeverReachesTheVictim() throws {
        let dir = try tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = dir + "/control.sock"
        let victim = dir + "/victim"
        FileManager.default.createFile(atPath: victim, contents: Data("secret".utf8), attributes: [.posixPermissions: 0o600])
        let stop = ManagedAtomicFlag()
        let attacker = Thread {
            while !stop.isSet {
                var st = stat()
                if lstat(path, &st) == 0, st.st_mode & S_IFMT == S_IFSOCK {
                    unlink(path)
                    symlink(victim, path)
                }
            }
        }
        attacker.start()
        for _ in 0..<300 {
            unlink(path)
            if let fd = try? UnixListener.listen(path: path, mode: 0o666) { fd.close() }
        }
        stop.set()
        #expect(mode(victim) & 0o777 == 0o600)
        // No private directory is left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).allSatisfy { !$0.hasPrefix(".quayd-") })
    }
}

/// Set once by the test, read by its helper thread.
final class ManagedAtomicFlag: Sendable {
    private let value = Mutex(false)
    var isSet: Bool { value.withLock { $0 } }
    func set() { value.withLock { $0 = true } }
}
