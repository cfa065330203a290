import Foundation
import QuayCore
import QuayDaemon
import QuayProvince
import QuayProvinceFixture
import Testing

/// `quayd province`: its configuration (the sample must pass; mistakes are listed) and the real binary migrating
/// and reporting against a real PostgreSQL 15.
@Suite(.serialized) struct ProvinceCommandTests {
    static func quayd(_ args: [String]) throws -> (status: Int32, out: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: Binaries.quayd)
        p.arguments = args
        let pipe = Pipe()
        (p.standardOutput, p.standardError) = (pipe, pipe)
        p.standardInput = FileHandle.nullDevice
        try p.run()
        let out = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, out)
    }

    @Test func sampleConfigPassesCheckConfig() throws {
        let sample = SampleConfigTests.packageRoot.appendingPathComponent("docs/province.sample.toml").path
        let r = try Self.quayd(["province", "check-config", "--config", sample])
        #expect(r.status == 0, "\(r.out)")
        #expect(r.out.contains("2 centers, 1 pulled"), "\(r.out)")
    }

    @Test func everyMistakeIsListedWithItsKey() throws {
        let text = """
            [province]
            name = "Tỉnh"
            site = "bad site!"
            colour = "red"
            [postgres]
            socket = "/tmp/s"
            host = "127.0.0.1"
            database = "p"
            [[center]]
            site = "xa-a"
            commune = "A"
            url = "ftp://x"
            [[center]]
            site = "xa-a"
            commune = "A again"
            public_key = "bm90IGEga2V5"
            """
        do {
            _ = try ProvinceConfigLoader.parse(text)
            Issue.record("accepted a bad configuration")
        } catch {
            let problems = error.problems.map(\.description).joined(separator: "\n")
            for needle in [
                "province.site: invalid site id", "province.colour: unknown key", "postgres.user: required key is missing",
                "center[0].url: must start with http://", "center[0].public_key: required when url is set",
                "center[1].site: duplicate center", "postgres: socket and host are exclusive",
                "center[1].public_key: must be an Ed25519 public key",
            ] {
                #expect(problems.contains(needle), "missing '\(needle)' in:\n\(problems)")
            }
        }
    }

    @Test func migrateThenReportThroughTheBinary() throws {
        let cluster = try PostgresCluster.shared()
        try cluster.createDatabase("cli_report")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("province-cli-\(getpid())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let config = dir + "/province.toml"
        try """
        [province]
        name = "Tỉnh Thử"
        site = "tinh-thu"
        [postgres]
        socket = "\(cluster.socket)"
        database = "cli_report"
        user = "postgres"
        [[center]]
        site = "xa-a"
        commune = "Xã A"
        [[center]]
        site = "xa-b"
        commune = "Xã B"
        """.write(toFile: config, atomically: true, encoding: .utf8)
        let m1 = try Self.quayd(["province", "migrate", "--config", config])
        #expect(m1.status == 0 && m1.out.contains("applied migrations 1"), "\(m1.out)")
        let m2 = try Self.quayd(["province", "migrate", "--config", config])
        #expect(m2.status == 0 && m2.out.contains("schema up to date"), "\(m2.out)")
        #expect(try cluster.psql("SELECT string_agg(commune, ',' ORDER BY position) FROM sites", database: "cli_report") == "Xã A,Xã B\n")
        let csv = try Self.quayd([
            "province", "report", "--config", config, "--month", "2026-11", "--format", "csv", "--language", "en", "--today", "2026-12-01",
        ])
        #expect(csv.status == 0, "\(csv.out)")
        #expect(csv.out.contains("xa-a,Xã A,,0,0,0,"), "\(csv.out)")
        let pdf = dir + "/r.pdf"
        let p = try Self.quayd(["province", "report", "--config", config, "--month", "2026-11", "--format", "pdf", "-o", pdf])
        #expect(p.status == 0, "\(p.out)")
        #expect((try? Data(contentsOf: URL(fileURLWithPath: pdf)).prefix(5)) == Data("%PDF-".utf8))
        let bad = try Self.quayd(["province", "report", "--config", config, "--month", "2026-13"])
        #expect(bad.status != 0 && bad.out.contains("--month must be YYYY-MM"), "\(bad.out)")
    }
}
