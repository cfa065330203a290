import Crypto
import QuayDaemon
import Testing

@testable import QuaySync

/// `[sync]` and `[[sync.peer]]`: defaults, and every bad value a clear problem naming its line.
@Suite struct SyncConfigTests {
    static let key = SyncKey(Curve25519.Signing.PrivateKey()).publicKeyBase64

    @Test func aGoodSectionIsRead() throws {
        let c = try ConfigLoader.parse(
            TestConfig.with(
                """
                [sync]
                interval = 5
                stale_after = 60

                [[sync.peer]]
                site = "center"
                public_key = "\(Self.key)"
                url = "http://127.0.0.1:8080"
                role = "center"
                """))
        #expect(c.sync.enabled && c.sync.interval == 5 && c.sync.staleAfter == 60)
        #expect(c.sync.peers.map(\.site) == ["center"] && c.sync.peers[0].url == "http://127.0.0.1:8080")
        #expect(c.sync.keyPath(stateDir: "/var/lib/quayd") == "/var/lib/quayd/sync.key")
        #expect(try !ConfigLoader.parse(TestConfig.basic).sync.enabled)
    }

    @Test func badPeersAreProblemsOnTheirLines() {
        let text = TestConfig.with(
            """
            [sync]
            key_file = "relative.key"
            colour = "blue"

            [[sync.peer]]
            site = "test-site"
            public_key = "AAAA"
            url = "http://example/x"
            role = "boss"

            [[sync.peer]]
            site = "point"
            public_key = "\(Self.key)"
            role = "point"
            """)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        func line(_ prefix: String, after: Int = 0) -> Int? {
            lines.indices.first { $0 >= after && lines[$0].hasPrefix(prefix) }.map { $0 + 1 }
        }
        do {
            _ = try ConfigLoader.parse(text)
            Issue.record("accepted")
        } catch {
            let byPath = Dictionary(error.problems.map { ($0.path, $0) }, uniquingKeysWith: { a, _ in a })
            #expect(byPath["sync.key_file"]?.line == line("key_file"))
            #expect(byPath["sync.colour"]?.message == "unknown key")
            #expect(byPath["sync.peer[0].site"]?.message == "is this site's own id")
            #expect(byPath["sync.peer[0].public_key"]?.line == line("public_key = \"AAAA\""))
            #expect(byPath["sync.peer[0].url"]?.line == line("url = \"http://example/x\""))
            #expect(byPath["sync.peer[0].role"] != nil)
            // The basic test config has no [web]: a peer that only calls us cannot reach us.
            #expect(byPath["sync.peer"]?.message.contains("enable [web]") == true)
        }
    }
}
