import Foundation
import QuaySystem
import Testing

/// quayd speaks sd_notify over $NOTIFY_SOCKET: READY=1 once the socket listens, WATCHDOG=1 at half of
/// WATCHDOG_USEC, STOPPING=1 on SIGTERM — and exits cleanly.
@Suite struct SystemdNotifyTests {
    @Test func readyWatchdogAndStopping() throws {
        let dir = TempDir("quay-notify")
        let rx = try NotifyReceiver(path: dir.file("notify.sock"))
        let d = try DaemonProcess(dir: dir, environment: ["NOTIFY_SOCKET": rx.path, "WATCHDOG_USEC": "400000"])
        try d.process.run()
        let ready = try #require(rx.wait(for: "READY=1", timeoutMs: 20_000), "no READY=1:\n\(d.log)")
        #expect(ready.last?.contains("READY=1") == true)
        // The control socket answers by the time READY=1 is sent.
        #expect(try d.client().call("ping")["ok"] == .bool(true))
        #expect(rx.wait(for: "WATCHDOG=1", timeoutMs: 3000) != nil, "no watchdog ping")
        d.signal(SIGTERM)
        #expect(rx.wait(for: "STOPPING=1", timeoutMs: 10_000) != nil)
        d.process.waitUntilExit()
        #expect(d.process.terminationStatus == 0, "\(d.log)")
    }
}
