import Foundation
import QuayControl
@testable import QuayDaemon
import Testing

/// Files that hold citizens' data are private whatever the umask, a symlinked database is refused, and
/// configuration files are size-capped before they are parsed.
@Suite struct StateFilesTests {
    func mode(_ path: String) -> mode_t {
        var st = stat()
        guard lstat(path, &st) == 0 else { return 0 }
        return st.st_mode & 0o7777
    }

    @Test func stateDirectoryAndDatabaseArePrivateWhateverTheUmask() throws {
        let dir = TempDir()
        let d = try DaemonProcess(dir: dir)
        let old = umask(0o002)
        defer { umask(old) }
        try d.start()
        _ = try d.client().issue()
        #expect(mode(dir.file("state")) == 0o700)
        for f in ["quay.sqlite", "quay.sqlite-wal", "quay.sqlite-shm"] {
            #expect(FileManager.default.fileExists(atPath: dir.file("state/\(f)")), "\(f)")
            #expect(mode(dir.file("state/\(f)")) == 0o600, "\(f): \(String(mode(dir.file("state/\(f)")), radix: 8))")
        }
        d.stop()
    }

    @Test func databaseCreatedWorldReadableIsTightened() throws {
        let dir = TempDir()
        let first = try DaemonProcess(dir: dir)
        try first.start()
        first.stop()
        chmod(dir.file("state/quay.sqlite"), 0o644)
        let again = try DaemonProcess(dir: dir)
        try again.start()
        #expect(mode(dir.file("state/quay.sqlite")) == 0o600)
        again.stop()
    }

    @Test func symlinkedDatabaseIsRefusedAndItsTargetUntouched() throws {
        let dir = TempDir()
        try FileManager.default.createDirectory(atPath: dir.file("state"), withIntermediateDirectories: true)
        let victim = dir.file("victim")
        FileManager.default.createFile(atPath: victim, contents: Data(), attributes: [.posixPermissions: 0o644])
        symlink(victim, dir.file("state/quay.sqlite"))
        let d = try DaemonProcess(dir: dir)
        try d.start()
        let c = try d.client()
        #expect(try c.call("ping")["store"] == .string("store-unavailable"))
        let r = try c.call("issue", ["service": .string("hotich")])
        #expect(r["error"]?["code"] == .string("store-unavailable"), "\(r)")
        #expect(d.log.contains("symbolic link"))
        #expect(try FileManager.default.attributesOfItem(atPath: victim)[.size] as? Int == 0)
        #expect(mode(victim) == 0o644)
        #expect(d.process.isRunning)
        d.stop()
    }

    @Test func oversizedConfigIsAClearError() throws {
        let dir = TempDir()
        let path = dir.file("big.toml")
        let padding = String(repeating: "# padding padding padding padding padding padding padding padding\n", count: 17_000)
        try (TestConfig.basic + padding).write(toFile: path, atomically: true, encoding: .utf8)
        do {
            _ = try ConfigLoader.load(file: path)
            Issue.record("a \(padding.utf8.count)-byte config was read")
        } catch {
            #expect(error.description.contains("larger than the limit of 1048576 bytes"), "\(error)")
        }
        // Just under the limit still loads.
        try TestConfig.basic.write(toFile: path, atomically: true, encoding: .utf8)
        _ = try ConfigLoader.load(file: path)
    }

    @Test func oversizedMessageCatalogueIsAClearError() throws {
        let dir = TempDir()
        try FileManager.default.createDirectory(atPath: dir.file("messages"), withIntermediateDirectories: true)
        let big = String(repeating: "\"x.\(0)\" = \"y\"\n", count: 1).appending(
            String(repeating: "# pad pad pad pad pad pad pad pad\n", count: 40_000))
        try big.write(toFile: dir.file("messages/vi.toml"), atomically: true, encoding: .utf8)
        do {
            _ = try CatalogLoader.load(dir: dir.file("messages"))
            Issue.record("an oversized catalogue was read")
        } catch {
            #expect(error.description.contains("larger than the limit"), "\(error)")
        }
    }
}
