import Foundation
import QuayControl
import QuayCore
import QuayProvinceFixture
import QuaySync
import Testing

/// The province pulling a real center quayd on loopback with the sync client (signed challenge → pull) into a
/// real PostgreSQL 15: dossiers arrive once, a second round moves nothing, a later status change follows.
@Suite(.serialized) struct ProvincePullEndToEndTests {
    @Test func theProvincePullsACenterIntoPostgres() throws {
        let cluster = try PostgresCluster.shared()
        try cluster.createDatabase("pull_e2e")
        let centerDir = TempDir("quay-province-center"), provinceDir = TempDir("quay-province")
        let port = try FreePort.find()
        let centerKey = try SyncKey.loadOrCreate(path: centerDir.file("sync.key")).key
        let provinceKey = try SyncKey.loadOrCreate(path: provinceDir.file("province.key")).key
        let centerConfig = TestConfig.with(
            """
            [web]
            enabled = true
            host = "127.0.0.1"
            port = \(port)

            [dossiers]
            return_service = "datdai"

            [sync]
            key_file = "\(centerDir.file("sync.key"))"
            interval = 3600

            [[sync.peer]]
            site = "tinh-thu"
            public_key = "\(provinceKey.publicKeyBase64)"
            role = "province"
            """
        ).replacingOccurrences(of: "site = \"test-site\"", with: "site = \"xa-a\"")
        let center = try DaemonProcess(config: centerConfig, dir: centerDir)
        try center.start()
        defer { center.stop() }
        let c = try center.client()
        _ = try DossierFlowTests.create(c, "hs-2026-0201")
        _ = try DossierFlowTests.create(c, "hs-2026-0202")
        #expect(try DossierFlowTests.update(c, "HS-2026-0201", "processing")["ok"] == .bool(true))

        let config = provinceDir.file("province.toml")
        try """
        [province]
        name = "Tỉnh Thử"
        site = "tinh-thu"
        key_file = "\(provinceDir.file("province.key"))"
        [postgres]
        socket = "\(cluster.socket)"
        database = "pull_e2e"
        user = "postgres"
        [[center]]
        site = "xa-a"
        commune = "Xã A"
        url = "http://127.0.0.1:\(port)"
        public_key = "\(centerKey.publicKeyBase64)"
        """.write(toFile: config, atomically: true, encoding: .utf8)
        func pullOnce() throws {
            let r = try ProvinceCommandTests.quayd(["province", "run", "--config", config, "--rounds", "1"])
            #expect(r.status == 0, "\(r.out)")
        }
        func sql(_ q: String) throws -> String { try cluster.psql(q, database: "pull_e2e").trimmingCharacters(in: .whitespacesAndNewlines) }

        try pullOnce()
        #expect(try sql("SELECT count(*) FROM feed WHERE origin = 'xa-a' AND kind = 'dossier'") == "3")
        #expect(try sql("SELECT string_agg(status, ',' ORDER BY id) FROM dossiers") == "processing,received")
        let checkpoint = try sql("SELECT position FROM checkpoints WHERE center = 'xa-a'")
        #expect(Int(checkpoint) ?? 0 >= 3)
        // Nothing new: a second round changes nothing.
        try pullOnce()
        #expect(try sql("SELECT count(*) FROM feed") == "3")
        #expect(try sql("SELECT position FROM checkpoints WHERE center = 'xa-a'") == checkpoint)
        // A later change at the center follows on the next round.
        #expect(try DossierFlowTests.update(c, "HS-2026-0201", "result-ready")["ok"] == .bool(true))
        try pullOnce()
        #expect(try sql("SELECT string_agg(status, ',' ORDER BY id) FROM dossiers") == "result-ready,received")
        #expect(try sql("SELECT count(*) FROM feed") == "4")
    }
}
