import Foundation
import Testing
@testable import QuayWeb

/// The hall page in real headless Chromium, fed by a HallServer running in this process.
@Suite("Hall display in a browser", .enabled(if: BrowserProcess.enabled), .serialized)
struct HallBrowserTests {
    /// Starts a server on `port` (0 = any) and returns its task and bound port.
    private func start(_ feed: TestHallFeed, port: Int) async throws -> (Task<Void, any Error>, Int) {
        let server = try HallServer(
            feed: feed,
            configuration: .init(
                host: "127.0.0.1", port: port,
                pingInterval: .seconds(2)))
        let (ports, cont) = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run { port in cont.yield(port) } }
        var it = ports.makeAsyncIterator()
        guard let bound = await it.next(), bound > 0 else { throw BrowserProcess.Failure(description: "server did not start") }
        return (task, bound)
    }

    @Test("a call shows within 1 s in vi and km; the page reconnects and re-reads the snapshot after a restart")
    func callAndReconnect() async throws {
        let feed = TestHallFeed(TestHallFeed.sample)
        var (server, port) = try await start(feed, port: 0)
        let shots = FileManager.default.temporaryDirectory.appendingPathComponent("quay-hall").path
        try FileManager.default.createDirectory(atPath: shots, withIntermediateDirectories: true)
        let browser = try BrowserProcess(url: "http://127.0.0.1:\(port)/", screenshot: shots + "/hall.png")
        defer {
            browser.stop()
            server.cancel()
        }

        _ = try await browser.expect("LOADED", timeout: 60)
        feed.push(.called(HallCall(ticket: "A015", counter: 3, at: Date().timeIntervalSince1970)))
        let called = try await browser.expect("CALLED", timeout: 5)
        let info = try JSONSerialization.jsonObject(with: Data(called.utf8)) as? [String: Any]
        let latency = info?["latency_ms"] as? Double ?? .infinity
        #expect(latency < 1000)
        let banner = info?["banner"] as? [String] ?? []
        #expect(banner.first == "Mời số A015 đến quầy 3")
        #expect(banner.last == "សូមអញ្ជើញលេខ A015 មកបញ្ជរលេខ 3")
        print("hall browser: \(called)")

        // The daemon restarts: the page must notice, reconnect by itself and show the new state.
        server.cancel()
        _ = await server.result
        _ = try await browser.expect("OFFLINE", timeout: 15)
        var after = TestHallFeed.sample
        after.nowCalling = [HallCall(ticket: "C077", counter: 5, at: 2)]
        (server, _) = try await start(TestHallFeed(after), port: port)
        browser.send("RESTARTED")
        let result = try await browser.expect("RESULT", timeout: 30)
        print("hall browser: \(result)")
        await browser.finish()
        #expect(browser.exitStatus == 0)
        #expect(FileManager.default.fileExists(atPath: shots + "/hall.png"))
    }
}
