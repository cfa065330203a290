import Testing

@testable import QuayDaemon

/// The `[web]` keys of the kiosk, phone and clerk pages: listen, kiosks, public_url, secure_cookies.
@Suite struct WebConfigTests {
    static func parse(_ web: String) throws -> QuayConfig { try ConfigLoader.parse(TestConfig.basic + "\n[web]\n" + web + "\n") }

    @Test func listenSetsHostAndPort() throws {
        let c = try Self.parse(#"listen = "[::1]:18080""#)
        #expect(c.web.host == "::1" && c.web.port == 18080)
        #expect(try Self.parse(#"listen = "0.0.0.0:80""#).web.host == "0.0.0.0")
        #expect(try Self.parse("").web.host == "127.0.0.1", "loopback by default")
        for bad in [#"listen = "nope""#, #"listen = "h:0""#, #"listen = "h:99999""#, "listen = \"127.0.0.1:8080\"\nport = 8081"] {
            #expect(throws: ConfigError.self, "\(bad)") { try Self.parse(bad) }
        }
    }

    @Test func kiosksPublicURLAndCookies() throws {
        let c = try Self.parse(
            """
            kiosks = ["hall", "door-2"]
            public_url = "http://192.168.1.10:8080"
            secure_cookies = true
            """)
        #expect(c.web.kiosks == ["hall", "door-2"])
        #expect(c.web.publicURL == "http://192.168.1.10:8080")
        #expect(c.web.secureCookies)
        for bad in [#"kiosks = ["Hall"]"#, #"kiosks = ["a", "a"]"#, #"public_url = "ftp://x""#, #"public_url = "http://a b""#] {
            #expect(throws: ConfigError.self, "\(bad)") { try Self.parse(bad) }
        }
    }
}
