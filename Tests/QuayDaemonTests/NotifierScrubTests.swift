import Foundation
@testable import QuayDaemon
import Testing

/// What of a notifier's stderr may reach the journal and `dossier-outbox.lastError`.
@Suite struct NotifierScrubTests {
    func scrub(_ s: String, _ secrets: [String] = [], limit: Int = 200) -> String {
        NotifierRunner.scrub(Array(s.utf8), secrets: secrets, limit: limit)
    }

    @Test func digitRunsAndSecretPiecesAreRedacted() {
        let out = scrub("sms to Nguyễn Thị Lan (0912345678) failed: HTTP 503", ["Nguyễn Thị Lan", "0912345678", "HS-2026-0001"])
        #expect(out == "sms to … (…) failed: HTTP 503")
        // A piece of the name (3+ characters, any case) is enough to redact.
        #expect(scrub("no route for lan", ["Nguyễn Thị Lan"]) == "no route for…")
        #expect(!scrub("receipt hs-2026 rejected", ["HS-2026-0001"]).contains("hs-2026"))
    }

    @Test func nonPrintableBytesAreDroppedAndLinesJoined() {
        #expect(scrub("a\u{1B}[31mred\u{0}\nnext\tline") == "a[31mred next line")
        #expect(NotifierRunner.scrub([0x41, 0xFF, 0xFE, 0x42], secrets: [], limit: 200) == "AB")
    }

    @Test func longTextKeepsItsEndWithinTheCap() {
        let out = scrub(String(repeating: "x", count: 1000) + " final error")
        #expect(out.utf8.count <= 200)
        #expect(out.hasPrefix("…") && out.hasSuffix("final error"))
    }
}
