import Foundation
import QuayControl
import Testing

/// A dossier becoming result-ready (and returned) reaches `watch` as a `dossier` event, for the hall display.
@Suite struct DossierWatchTests {
    @Test func resultReadyIsAWatchEvent() throws {
        let d = try DaemonProcess()
        try d.start()
        let c = try d.client()
        let w = try d.client()
        _ = try w.call("watch")
        let id = try #require(try DossierFlowTests.create(c, "HS-2026-0100", name: "Trần Thị Mai")["dossier"]?["id"]?.string)
        _ = try DossierFlowTests.update(c, id, "processing")
        _ = try DossierFlowTests.update(c, id, "result-ready")
        let e = try w.readLine(timeoutMs: 5000)
        #expect(e["event"]?["kind"] == .string("dossier"))
        #expect(e["event"]?["detail"] == .string("\(id) result-ready"))
        _ = try DossierFlowTests.update(c, id, "returned")
        #expect(try w.readLine(timeoutMs: 5000)["event"]?["detail"] == .string("\(id) returned"))
    }
}
