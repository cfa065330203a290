import Foundation
import Testing
@testable import QuayWeb

/// Idle and excess connections on the hall port, against a real HallServer on 127.0.0.1.
@Suite("Hall server connection cap and idle timeout", .serialized)
struct HallConnectionLimitTests {
    private func start(_ feed: any HallFeed, _ config: HallServer.Configuration) async throws -> (HallServer, Task<Void, any Error>, Int) {
        let server = try HallServer(feed: feed, configuration: config)
        let (ports, cont) = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run { port in cont.yield(port) } }
        var it = ports.makeAsyncIterator()
        guard let bound = await it.next(), bound > 0 else { throw TestSocket.Failure(description: "server did not start") }
        return (server, task, bound)
    }

    /// Upgrades `s` to a WebSocket on /ws and returns what came after the 101 head.
    private func upgrade(_ s: TestSocket) throws -> [UInt8] {
        try s.send(
            "GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
        var got: [UInt8] = []
        let end = Date().addingTimeInterval(5)
        while Date() < end {
            guard let more = s.receive(timeout: 0.2) else { break }
            got += more
            let text = String(decoding: got, as: UTF8.self)
            if let r = text.range(of: "\r\n\r\n") {
                guard text.hasPrefix("HTTP/1.1 101") else { throw TestSocket.Failure(description: "no upgrade: \(text)") }
                return Array(got[text.utf8.distance(from: text.startIndex, to: r.upperBound)...])
            }
        }
        throw TestSocket.Failure(description: "no upgrade reply")
    }

    /// Reads WebSocket text until `needle` appears (frames are small and unmasked; the text is searched as bytes).
    private func wsWait(_ s: TestSocket, for needle: String, already: [UInt8] = [], timeout: Double) -> Bool {
        var got = already
        let end = Date().addingTimeInterval(timeout)
        while true {
            if String(decoding: got, as: UTF8.self).contains(needle) { return true }
            guard Date() < end, let more = s.receive(timeout: 0.1) else { return false }
            got += more
        }
    }

    /// Problems found on a test thread, checked by the test afterwards.
    final class Problems: @unchecked Sendable {
        private let lock = NSLock()
        private var list: [String] = []
        func check(_ ok: Bool, _ what: @autoclosure () -> String) {
            if !ok {
                let w = what()
                lock.withLock { list.append(w) }
            }
        }
        var all: [String] { lock.withLock { list } }
    }

    @Test("cap+10 idle connections: the 10 extra are closed at once, the rest after the idle timeout; pages keep working")
    func capAndIdleTimeout() async throws {
        let cap = 12
        let idle = 3.0
        let feed = HallBroadcaster(initial: TestHallFeed.sample)
        let (server, task, port) = try await start(
            feed,
            .init(
                host: "127.0.0.1", port: 0, pingInterval: .seconds(60),
                maxConnections: cap, idleTimeout: .seconds(3)))
        defer { task.cancel() }
        let p = Problems()

        let (page, sockets) = try await TestSocket.onThread { () -> (TestSocket, [TestSocket]) in
            // Every connection is served, whichever event loop accepts it.
            for path in Array(repeating: ["/healthz", "/", "/snapshot", "/hall.css"], count: 5).joined() {
                p.check(try TestSocket.get(port: port, path: path, timeout: 10).0 == 200, "GET \(path) not answered")
            }
            // A hall page is connected before the flood: it holds a slot and must outlive the idle timeout.
            let page = try TestSocket(port: port)
            let first = try self.upgrade(page)
            p.check(self.wsWait(page, for: "\"type\":\"snapshot\"", already: first, timeout: 10), "no snapshot on the page")

            // Below the cap, idle connections do not stop the page or /healthz.
            var sockets = try (0..<(cap / 2)).map { _ in try TestSocket(port: port) }
            let health = try TestSocket.get(port: port, path: "/healthz", timeout: 10)
            p.check(health.0 == 200 && health.1 == "ok", "/healthz with idle connections open: \(health)")
            p.check(try TestSocket.get(port: port, path: "/", timeout: 10).0 == 200, "/ with idle connections open")

            // The GETs' connections are gone (the server half-closes first; the slot is freed when the client closes).
            let settle = Date().addingTimeInterval(5)
            while server.connections.openConnections > 1 + cap / 2, Date() < settle { usleep(10_000) }

            // Fill up to cap+10 open connections (the page included): exactly 10 are closed at once (by the event
            // loop, long before the idle timeout).
            let started = Date()
            sockets += try (0..<(cap - 1 - cap / 2 + 10)).map { _ in try TestSocket(port: port) }
            var closed = 0
            while closed < 10, Date().timeIntervalSince(started) < idle - 1 {
                closed = sockets.filter { $0.closedByPeer(within: 0.01) }.count
            }
            p.check(
                closed == 10,
                "expected the 10 connections over the cap to be closed at once, got \(closed) after "
                    + "\(Date().timeIntervalSince(started)) s (refused \(server.connections.refused), open "
                    + "\(server.connections.openConnections))"
            )
            p.check(server.connections.refused >= 10, "refused \(server.connections.refused)")

            // The idle ones go after the idle timeout; the page stays.
            Thread.sleep(forTimeInterval: idle + 1.5)
            let stillOpen = sockets.filter { !$0.closedByPeer(within: 0.01) }.count
            p.check(stillOpen == 0, "\(stillOpen) idle connections still open after the idle timeout")
            return (page, sockets)
        }
        let open = ContinuousClock.now + .seconds(5)
        while server.connections.openConnections > 1, ContinuousClock.now < open { try await Task.sleep(for: .milliseconds(20)) }
        #expect(server.connections.openConnections == 1)

        // The page still gets calls, and new clients are served again.
        feed.publish(.called(HallCall(ticket: "A099", counter: 4, at: 3)))
        try await TestSocket.onThread {
            p.check(self.wsWait(page, for: "A099", timeout: 10), "the connected page lost its feed")
            let health = try TestSocket.get(port: port, path: "/healthz", timeout: 10)
            p.check(health.0 == 200 && health.1 == "ok", "/healthz after the flood: \(health)")
            p.check(try TestSocket.get(port: port, path: "/snapshot", timeout: 10).1.contains("A099"), "/snapshot without A099")
        }
        #expect(p.all.isEmpty, "\(p.all)")
        _ = sockets
    }

    @Test("a slow client that never finishes its request head is closed at the idle timeout")
    func slowLoris() async throws {
        let (_, task, port) = try await start(
            TestHallFeed(TestHallFeed.sample),
            .init(host: "127.0.0.1", port: 0, idleTimeout: .milliseconds(800)))
        defer { task.cancel() }
        let (closed, after) = try await TestSocket.onThread { () -> (Bool, Double) in
            let s = try TestSocket(port: port)
            let started = Date()
            var closed = false
            for ch in "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: " {
                do { try s.send(String(ch)) } catch {
                    closed = true
                    break
                }
                if s.closedByPeer(within: 0.1) {
                    closed = true
                    break
                }
            }
            while !closed, Date().timeIntervalSince(started) < 5 {
                do { try s.send("a") } catch {
                    closed = true
                    break
                }
                if s.closedByPeer(within: 0.1) { closed = true }
            }
            return (closed, Date().timeIntervalSince(started))
        }
        #expect(closed)
        #expect(after > 0.6 && after < 3, "closed after \(after) s")
    }
}
