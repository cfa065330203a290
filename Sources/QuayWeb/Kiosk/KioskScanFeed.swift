import Foundation
import HummingbirdWebSocket
import QuayControl

/// The kiosk screen's live feed of its own scanner (`GET /kiosk/NAME/ws`): one `{"scan":{…}}` text message per scan
/// of a scanner configured with `kiosk = "NAME"` (`ScanEvent.kioskView`: a CCCD scan says only whether it suggests
/// a priority class; a receipt scan carries the `issue-return` outcome the scanner path already printed). The page
/// sends nothing; the feed ends when it closes. At most the 4 newest scans wait for a slow screen.
enum KioskScanFeed {
    struct Message: Encodable { var scan: ScanEvent }

    static func serve(kiosk: String, gateway: any WebGateway, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter)
        async throws
    {
        let scans = gateway.scans(kiosk: kiosk)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask {
                for try await _ in inbound {}  // ends when the page closes
            }
            group.addTask {
                for await e in scans {
                    guard let data = try? encoder.encode(Message(scan: e)) else { continue }
                    try await outbound.write(.text(String(decoding: data, as: UTF8.self)))
                }
            }
            _ = try await group.next()
            group.cancelAll()
        }
    }
}
