import Foundation
import QuayControl
import QuayCore

/// Everything quayd reads from /etc/quayd/quayd.toml (docs/configuration.md describes each key).
public struct QuayConfig: Sendable {
    public var center: CenterSetup
    public var stateDir: String = "/var/lib/quayd"
    public var socketPath: String = "/run/quayd/control.sock"
    public var socketMode: mode_t = 0o660
    public var socketGroup: String?
    public var access = AccessPolicy()
    /// Cap on the database size in pages (PRAGMA max_page_count); nil = no cap. For tests of a full disk.
    public var storeMaxPages: Int?
    /// Days audit-trail rows are kept (`[store] audit_retention_days`); older rows are deleted at start and daily.
    public var auditRetentionDays = 400
    /// Directory with message catalogue overrides (vi.toml, km.toml, en.toml).
    public var messagesDir: String? = "/etc/quayd/messages"
    public var web = WebConfig()
    public var devices = DevicesConfig()
    public var dossiers = DossiersConfig()
    public var voice = VoiceConfig()
    public var sync = SyncConfig()

    public struct WebConfig: Sendable {
        public var enabled = false
        public var host = "127.0.0.1"
        public var port = 8080
        /// Most connections open at once on the hall port (`max_connections`).
        public var maxConnections = 64
        /// Seconds a connection may take to send its request, or stay idle between requests (`idle_timeout_seconds`).
        public var idleTimeoutSeconds = 10.0
        /// Names of the kiosk screens served at /kiosk/NAME (`kiosks`); a printer with `kiosk = NAME` prints for it.
        public var kiosks: [String] = []
        /// The address phones on the center's Wi-Fi reach the pages at (`public_url`, e.g. "http://192.168.1.10:8080"),
        /// for the QR of the "my ticket" page; nil: the address the kiosk page was opened with.
        public var publicURL: String?
        /// Mark the clerk console's session cookie Secure (`secure_cookies`): browsers then send it over HTTPS only,
        /// so leave it off when the console is served over plain HTTP on the office LAN.
        public var secureCookies = false
        /// Web sign-in attempts admitted per minute across all names (`sign_ins_per_minute`).
        public var signInsPerMinute = 30
    }

    public var databasePath: String { (stateDir as NSString).appendingPathComponent("quay.sqlite") }
}
