import Foundation
import QuayControl
import Testing

/// Printer faults as a technician reads them: in quayd's log (once per change, and the recovery), in the LAST ERROR
/// of `devices`, and as an English sentence in the refusal's `message` (the citizen texts stay in `citizen`).
/// A printer that stops answering is `printer-stalled`, and kiosks issuing during the stall are answered together.
@Suite struct PrinterFaultLogTests {
    @Test func faultsReachTheLogAndAStallAnswersKiosksTogether() throws {
        let dir = TempDir("quay-e2e-printer-faults")
        let sim = try SimProcess(
            script: "escpos_printer.py", arguments: ["--pty", "--out", dir.file("paper"), "--prefix", "t", "--width", "576"])
        defer { sim.stop() }
        let pty = String(try sim.waitFor("PTY ").dropFirst(4))
        let d = try DaemonProcess(config: DevicesEndToEndTests.printerConfig(pty), dir: dir)
        try d.start()
        let c = try d.client()
        #expect(try c.call("issue", ["service": .string("hotich")])["print"]?["ok"] == .bool(true))

        sim.send("paper-out")
        _ = try sim.waitFor("ACK paper-out")
        for _ in 0..<2 {
            let refused = try c.call("issue", ["service": .string("hotich")])
            #expect(refused["error"]?["code"] == .string("printer-paper-out"))
            #expect(refused["error"]?["message"] == .string("the printer is out of paper"), "\(refused)")
        }
        let printer = (try c.call("devices")["devices"]?.array ?? []).first { $0["role"] == .string("kiosk-printer") }
        #expect(printer?["lastError"] == .string("the printer is out of paper"), "\(String(describing: printer))")
        sim.send("paper-ok")
        _ = try sim.waitFor("ACK paper-ok")
        #expect(try c.call("issue", ["service": .string("hotich")])["print"]?["ok"] == .bool(true))

        // The printer stops answering; three kiosks issue at once.
        sim.send("stall")
        _ = try sim.waitFor("ACK stall")
        let started = Date()
        let codes = Mutex3()
        let socket = d.socket
        let threads = (0..<3).map { i in
            Thread {
                let r = try? ControlClient(path: socket).call("issue", ["service": .string("hotich")])
                codes.set(i, r?["error"]?["code"]?.string ?? "no reply", Date().timeIntervalSince(started))
            }
        }
        threads.forEach { $0.start() }
        while codes.count < 3 && Date().timeIntervalSince(started) < 10 { usleep(10_000) }
        let answers = codes.values
        #expect(answers.map(\.0) == ["printer-stalled", "printer-stalled", "printer-stalled"], "\(answers)")
        // One status timeout (0.5 s) for all of them, not 0.5, 1 and 1.5 s one after another.
        #expect((answers.map(\.1).max() ?? 99) < 1.2, "\(answers)")
        sim.send("resume")
        _ = try sim.waitFor("ACK resume")
        #expect(try c.call("issue", ["service": .string("hotich")])["print"]?["ok"] == .bool(true))
        d.stop()

        let lines = d.log.split(separator: "\n").filter { $0.contains("printer") && $0.contains("role=kiosk-printer") }
        let faults = lines.filter { $0.contains("printer fault") }
        #expect(faults.filter { $0.contains("condition=paper-out") }.count == 1, "logged once per change: \(lines)")
        #expect(faults.filter { $0.contains("condition=stalled") }.count == 1, "\(lines)")
        #expect(lines.filter { $0.contains("printer ready again") }.count == 2, "\(lines)")
    }
}

/// Answers of the concurrent kiosks: code and seconds since the stall, by kiosk.
final class Mutex3: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [Int: (String, Double)] = [:]
    func set(_ i: Int, _ code: String, _ seconds: Double) {
        lock.lock()
        answers[i] = (code, seconds)
        lock.unlock()
    }
    var count: Int {
        lock.lock()
        defer { lock.unlock() }
        return answers.count
    }
    var values: [(String, Double)] {
        lock.lock()
        defer { lock.unlock() }
        return answers.sorted { $0.key < $1.key }.map(\.value)
    }
}
