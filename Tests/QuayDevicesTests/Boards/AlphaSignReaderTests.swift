import Foundation
import Testing
@testable import QuayDevices
import QuaySystem

/// The driver's packets decoded by an independent reader (scripts/sim/alphasign_reader.py) on a pty.
@Suite("Alpha Sign driver against the reader", .enabled(if: DeviceSims.enabled), .serialized)
struct AlphaSignReaderTests {
    struct Decoded: Decodable {
        var type: String?
        var address: String?
        var label: String?
        var text: String?
        var mode: Int?
        var checksum_ok: Bool?
        var error: String?
    }

    private func decoded(_ path: String, count: Int) async -> [Decoded] {
        let deadline = Date().addingTimeInterval(3)
        var out: [Decoded] = []
        repeat {
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            out = text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Decoded.self, from: Data($0.utf8)) }
            if out.count >= count { break }
            try? await Task.sleep(for: .milliseconds(20))
        } while Date() < deadline
        return out
    }

    @Test("hall summary line arrives as folded ASCII text in file A; checksummed packets verify")
    func summaryLine() async throws {
        let dir = try DeviceSims.makeTempDir("alpha")
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let link = dir + "/sign", out = dir + "/packets.jsonl"
        let reader = try await offPool {
            try SimulatorProcess(script: "scripts/sim/alphasign_reader.py", arguments: ["--link", link, "--out", out])
        }
        defer { reader.stop() }
        let registry = DeviceRegistry()
        let sign = try AlphaSignDriver.open(path: link, role: "alphasign-hall", registry: registry)
        await sign.attach()
        try await sign.show("Mời số A015 đến quầy 3")
        try await sign.show("Mời số A015 đến quầy 3")  // unchanged: not resent
        let checked = try AlphaSignDriver.open(
            path: link, encoder: AlphaSign(address: "01", mode: .hold, checksum: true),
            role: "alphasign-2")
        try await checked.show("Mời số B007 đến quầy 12")

        let packets = await decoded(out, count: 2)
        #expect(packets.count == 2)
        #expect(packets.first?.text == "Moi so A015 den quay 3")
        #expect(packets.first?.type == "Z" && packets.first?.address == "00" && packets.first?.label == "A")
        #expect(packets.first?.error == nil)
        #expect(packets.last?.text == "Moi so B007 den quay 12")
        #expect(packets.last?.checksum_ok == true)
        #expect(packets.last?.mode == 0x62)
        #expect(await registry.get("alphasign-hall")?.frames == 1)
        await sign.close()
        await checked.close()
    }
}
