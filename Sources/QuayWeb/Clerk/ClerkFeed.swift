import Foundation
import HummingbirdWebSocket
import QuayControl

/// The clerk console's live view over its WebSocket: the `queue`, `counters` and `stats` ops' replies, as the signed-in
/// clerk, sent at once and again 100 ms after each change the hall feed announces. The account is re-read each
/// time: a disabled account's socket closes.
enum ClerkFeed {
    static func serve(
        user: String, gateway: any WebGateway, feed: any HallFeed, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter
    ) async throws {
        let updates = feed.updates()
        func push() async throws -> Bool {
            guard let principal = await gateway.principal(user: user) else { return false }
            func line(_ reply: [UInt8]) -> [UInt8] { reply.last == 0x0A ? Array(reply.dropLast()) : reply }
            let queue = line(await gateway.call(OpCatalog.queue, QueueRequest(limit: 200), as: principal))
            let counters = line(await gateway.call(OpCatalog.counters, EmptyRequest(), as: principal))
            let stats = line(await gateway.call(OpCatalog.stats, EmptyRequest(), as: principal))
            let message =
                Array(#"{"counters":"#.utf8) + counters + Array(#","queue":"#.utf8) + queue + Array(#","stats":"#.utf8) + stats + [0x7D]
            try await outbound.write(.text(String(decoding: message, as: UTF8.self)))
            return true
        }
        guard try await push() else { return }
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await _ in inbound {}  // the page sends nothing; this ends when it closes
            }
            group.addTask {
                for await _ in updates {
                    try await Task.sleep(for: .milliseconds(100))
                    guard try await push() else { return }
                }
            }
            _ = try await group.next()
            group.cancelAll()
        }
    }
}
