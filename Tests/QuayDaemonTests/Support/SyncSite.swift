import Foundation
import QuayControl

/// One site of the sync scenarios: a real quayd living in its own network namespace (`NetnsLink.End`), with its own
/// state directory that survives SIGKILL and restart, its web server (and so `/sync/v1/`) on its link address.
final class SyncSite: @unchecked Sendable {
    static let webPort = 8080

    let site: String
    let end: NetnsLink.End
    let dir = TempDir("quay-sync")
    private(set) var daemon: DaemonProcess?
    /// The `[sync]` part of the config; set by `SyncPair` once both sites' public keys are known.
    var syncConfig = ""

    init(site: String, end: NetnsLink.End) {
        self.site = site
        self.end = end
    }

    var url: String { "http://\(end.address):\(Self.webPort)" }
    var keyFile: String { dir.file("sync.key") }

    var config: String {
        TestConfig.basic.replacingOccurrences(of: "site = \"test-site\"", with: "site = \"\(site)\"")
            + "\n[web]\nenabled = true\nlisten = \"\(end.address):\(Self.webPort)\"\n\n" + syncConfig + "\n"
    }

    /// Starts quayd (again, after a kill) in the site's namespace over the same state directory.
    func start() throws {
        if let d = daemon, d.process.isRunning { throw TestFailure("\(site): quayd is already running") }
        let d = try DaemonProcess(config: config, dir: dir, launchPrefix: end.launchPrefix)
        daemon = d
        try d.start()
        try waitWeb()
    }

    /// The web server (and so the sync endpoints) answers on the link address, asked from inside the namespace.
    func waitWeb(timeout: Double = 20) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let r = try Command.run(
                end.launchPrefix + [Command.curl, "-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "2", url + "/healthz"])
            if r.output == "200" { return }
            usleep(100_000)
        }
        throw TestFailure("\(site): no web server on \(url) after \(timeout) s\n\(log.suffix(2000))")
    }

    /// SIGKILL: no shutdown path runs (a power cut, the OOM killer).
    func kill9() { daemon?.kill9() }

    func stop() { daemon?.stop() }

    var isRunning: Bool { daemon?.process.isRunning ?? false }

    func client() throws -> ControlClient {
        guard let d = daemon else { throw TestFailure("\(site): quayd not started") }
        return try d.client()
    }

    var log: String { daemon?.log ?? "" }

    /// `quayd sync-key --config …`: makes the key file when missing and prints the public key (base64).
    func publicKey() throws -> String {
        try config.write(toFile: dir.file("quayd.toml"), atomically: true, encoding: .utf8)
        let r = try Command.run([Binaries.quayd, "sync-key", "--config", dir.file("quayd.toml")], stderr: false)
        guard r.status == 0, let key = r.output.split(separator: "\n").first.map(String.init), !key.isEmpty else {
            throw TestFailure("\(site): quayd sync-key failed (\(r.status)): \(r.output)")
        }
        return key.trimmingCharacters(in: .whitespaces)
    }
}
