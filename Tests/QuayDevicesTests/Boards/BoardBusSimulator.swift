import Foundation

/// One register write recorded by scripts/sim/modbus_board.py.
struct SimWrite: Decodable, Equatable {
    var unit: Int
    var fc: Int
    var address: Int
    var values: [Int]
    var t: Double
}

/// A simulated RS-485 bus of pymodbus boards (scripts/sim/modbus_board.py) on a socat pty pair.
final class BoardBusSimulator: @unchecked Sendable {
    let dir: String
    /// The pty the master opens.
    let link: String
    let logPath: String
    private let process: SimulatorProcess

    init(units: [Int], extra: [String] = []) throws {
        dir = try DeviceSims.makeTempDir("bus")
        link = dir + "/bus"
        logPath = dir + "/writes.jsonl"
        process = try SimulatorProcess(script: "scripts/sim/modbus_board.py", arguments: [
            "--link", link, "--log", logPath, "--units", units.map(String.init).joined(separator: ","),
        ] + extra)
    }

    func unplug(_ unit: Int) throws { try process.command("unplug \(unit)") }
    func plug(_ unit: Int) throws { try process.command("plug \(unit)") }
    func corrupt(_ unit: Int, replies: Int) throws { try process.command("corrupt \(unit) \(replies)") }
    func delay(_ unit: Int, ms: Int) throws { try process.command("delay \(unit) \(ms)") }

    func writes() -> [SimWrite] {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(SimWrite.self, from: Data($0.utf8)) }
    }

    func writes(unit: Int) -> [SimWrite] { writes().filter { $0.unit == unit } }

    /// Polls the log until `count` writes match (the simulator logs as it executes, before replying).
    func waitForWrites(unit: Int, count: Int, timeoutMs: Int = 2000) -> [SimWrite] {
        let deadline = Date().addingTimeInterval(Double(timeoutMs) / 1000)
        var found = writes(unit: unit)
        while found.count < count && Date() < deadline {
            usleep(10_000)
            found = writes(unit: unit)
        }
        return found
    }

    func stop() {
        process.stop()
        try? FileManager.default.removeItem(atPath: dir)
    }

    deinit { stop() }
}
