import CSQLite
import Foundation
import QuayCore
@testable import QuayStore
import Testing

/// Values and files the store must not mangle or follow: embedded NULs, a symlinked database, a filesystem that
/// turns read-only under a running quayd.
@Suite struct StoreHostileInputTests {
    static func tempDir() throws -> String {
        let dir = NSTemporaryDirectory() + "quay-store-hostile-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static let center = CenterSetup(
        site: SiteID(rawValue: "test")!, name: LocalizedText(vi: "Test"),
        services: [Service(id: "a", name: LocalizedText(vi: "A"), prefix: "A")],
        counters: [Counter(id: "q1", number: "1", services: ["a"])])

    @Test func embeddedNULRoundTripsUnchanged() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let db = try Database(path: dir + "/q.sqlite")
        try db.exec("CREATE TABLE t(v TEXT)")
        let value = "Nguyễn\u{0}Văn\u{0}"
        try db.run("INSERT INTO t(v) VALUES(?1)", [.text(value)])
        let s = try db.statement("SELECT v, length(CAST(v AS BLOB)) FROM t")
        #expect(try s.step())
        #expect(s.text(0) == value)
        #expect(s.int(1) == Int64(value.utf8.count))
        // The empty string stays an empty string (not NULL).
        try db.run("INSERT INTO t(v) VALUES(?1)", [.text("")])
        #expect(try db.scalarInt("SELECT count(*) FROM t WHERE v = ''") == 1)
    }

    @Test func symlinkedDatabaseIsRefused() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let victim = dir + "/victim"
        FileManager.default.createFile(atPath: victim, contents: Data())
        symlink(victim, dir + "/quay.sqlite")
        do {
            _ = try Ledger(path: dir + "/quay.sqlite", center: Self.center)
            Issue.record("a symlinked database was opened")
        } catch {
            guard case .sqlite(let e) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(e.kind == .symlink)
            #expect(error.code == "store-unavailable")
            #expect(error.description.contains("symbolic link"))
        }
        // The link's target was never written.
        #expect(try FileManager.default.attributesOfItem(atPath: victim)[.size] as? Int == 0)
    }

    @Test func readOnlyFilesystemErrorsAreReadOnly() {
        // SQLITE_IOERR_WRITE / _FSYNC with errno EROFS: the filesystem went read-only, not a generic failure.
        for code: Int32 in [778, 1034, SQLITE_IOERR, SQLITE_CANTOPEN] {
            let e = SQLiteError(code: code, message: "disk I/O error", systemErrno: EROFS)
            #expect(e.kind == .readOnly)
            #expect(StoreError.sqlite(e).code == "store-read-only")
        }
        #expect(StoreError.sqlite(SQLiteError(code: 778, message: "disk I/O error", systemErrno: EIO)).code == "store-error")
    }

    /// A real ext4 filesystem remounted read-only under an open ledger (errors=remount-ro, as an SD card fault
    /// does it): the failed write is `store-read-only` and the ledger reports itself read-only (ping's "store").
    /// Needs root and loop devices; skipped otherwise.
    @Test func filesystemTurningReadOnlyIsReported() async throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/mkfs.ext4"),
            FileManager.default.fileExists(atPath: "/dev/loop-control")
        else { return }
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let image = dir + "/fs.img", mnt = dir + "/mnt"
        try FileManager.default.createDirectory(atPath: mnt, withIntermediateDirectories: true)
        guard sh("truncate -s 16M \(image) && mkfs.ext4 -q -F \(image)") == 0,
            let loop = output("losetup -f --show \(image)")?.trimmingCharacters(in: .whitespacesAndNewlines), !loop.isEmpty
        else { return }
        defer { _ = sh("losetup -d \(loop)") }
        guard sh("mount -o errors=remount-ro \(loop) \(mnt)") == 0 else { return }
        defer { _ = sh("umount \(mnt)") }
        let ledger = try Ledger(path: mnt + "/quay.sqlite", center: Self.center)
        defer { ledger.close() }
        try await ledger.transaction { db, _, _ in
            try db.run("CREATE TABLE probe(v TEXT)")
            return ((), Mutation())
        }
        #expect(!ledger.isReadOnly)
        let name = (loop as NSString).lastPathComponent
        guard sh("echo 1 > /sys/fs/ext4/\(name)/trigger_fs_error") == 0 else { return }
        do {
            try await ledger.transaction { db, _, _ in
                try db.run("INSERT INTO probe(v) VALUES(?1)", [.text(String(repeating: "x", count: 8192))])
                return ((), Mutation())
            }
            Issue.record("a write on a read-only filesystem succeeded")
        } catch let e as StoreError {
            #expect(e.code == "store-read-only", "\(e)")
        }
        #expect(ledger.isReadOnly)
    }

    @discardableResult
    func sh(_ command: String) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }

    func output(_ command: String) -> String? {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", command]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return nil }
        p.waitUntilExit()
        return p.terminationStatus == 0 ? String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) : nil
    }
}
