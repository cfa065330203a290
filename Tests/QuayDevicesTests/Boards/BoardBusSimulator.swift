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

    private init(dir: String, process: SimulatorProcess) {
        self.dir = dir
        link = dir + "/bus"
        logPath = dir + "/writes.jsonl"
        self.process = process
    }

    /// Starts the simulator (off the cooperative pool) and waits until its pty is ready.
    static func start(units: [Int], extra: [String] = []) async throws -> BoardBusSimulator {
        let dir = try DeviceSims.makeTempDir("bus")
        let process = try await offPool {
            try SimulatorProcess(
                script: "scripts/sim/modbus_board.py",
                arguments: [
                    "--link", dir + "/bus", "--log", dir + "/writes.jsonl",
                    "--units", units.map(String.init).joined(separator: ","),
                ] + extra)
        }
        return BoardBusSimulator(dir: dir, process: process)
    }

    func unplug(_ unit: Int) async throws { try await command("unplug \(unit)") }
    func plug(_ unit: Int) async throws { try await command("plug \(unit)") }
    func corrupt(_ unit: Int, replies: Int) async throws { try await command("corrupt \(unit) \(replies)") }
    func delay(_ unit: Int, ms: Int) async throws { try await command("delay \(unit) \(ms)") }

    private func command(_ text: String) async throws {
        let process = self.process
        try await offPool { try process.command(text) }
    }

    func writes() -> [SimWrite] {
        guard let text = try? String(contentsOfFile: logPath, encoding: .utf8) else { return [] }
        return text.split(separator: "\n").compactMap { try? JSONDecoder().decode(SimWrite.self, from: Data($0.utf8)) }
    }

    func writes(unit: Int) -> [SimWrite] { writes().filter { $0.unit == unit } }

    /// Polls the log until `count` writes match (the simulator logs as it executes, before replying).
    func waitForWrites(unit: Int, count: Int, timeoutMs: Int = 2000) async -> [SimWrite] {
        let deadline = Date().addingTimeInterval(Double(timeoutMs) / 1000)
        var found = writes(unit: unit)
        while found.count < count && Date() < deadline {
            try? await Task.sleep(for: .milliseconds(10))
            found = writes(unit: unit)
        }
        return found
    }

    func stop() {
        let dir = self.dir
        process.stop { try? FileManager.default.removeItem(atPath: dir) }
    }

    deinit { stop() }
}
