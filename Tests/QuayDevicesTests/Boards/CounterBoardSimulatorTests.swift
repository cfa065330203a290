import Foundation
import Testing
@testable import QuayDevices
import QuaySystem

/// Counter boards against pymodbus boards on a pty (scripts/sim/modbus_board.py).
@Suite("Counter boards on the simulated bus", .enabled(if: DeviceSims.enabled), .serialized)
struct CounterBoardSimulatorTests {
    static let timing = ModbusTiming(
        responseTimeoutMs: 500, retries: 2, retryDelayMs: 10,
        backoffAfterFailures: 2, backoffBaseMs: 300, maximumBackoffMs: 1000)

    @Test("show puts the number at the right board and register; recall blinks; close clears")
    func showRecallClear() async throws {
        let sim = try await BoardBusSimulator.start(units: [1, 2, 3])
        defer { sim.stop() }
        let registry = DeviceRegistry()
        let master = try ModbusMaster.open(path: sim.link, timing: Self.timing, registry: registry)
        let board3 = CounterBoard(master: master, unit: 3, model: .generic4Digit, role: "board-3")
        await board3.attach()

        try await board3.show(number: "A015", blink: false)
        var w = await sim.waitForWrites(unit: 3, count: 2)
        #expect(w.map { [$0.fc, $0.address] + $0.values } == [[6, 0, 15], [6, 1, 0]])
        #expect(sim.writes(unit: 1).isEmpty && sim.writes(unit: 2).isEmpty)

        try await board3.show(number: "A015", blink: true)  // recall
        w = await sim.waitForWrites(unit: 3, count: 4)
        #expect(w.suffix(2).map { [$0.fc, $0.address] + $0.values } == [[6, 0, 15], [6, 1, 1]])

        try await board3.clear()  // counter closed
        w = await sim.waitForWrites(unit: 3, count: 6)
        #expect(w.suffix(2).map { [$0.fc, $0.address] + $0.values } == [[6, 0, 0xFFFF], [6, 1, 0]])

        let h = await registry.get("board-3")
        #expect(h?.state == .ready)
        #expect(h?.frames == 6)
        await master.close()
    }

    @Test("text board gets ASCII via FC16; lamp test shows 8888 then clears")
    func textBoardAndLampTest() async throws {
        let sim = try await BoardBusSimulator.start(units: [7])
        defer { sim.stop() }
        let master = try ModbusMaster.open(path: sim.link, timing: Self.timing)
        let board = CounterBoard(master: master, unit: 7, model: .text4, role: "board-7")
        try await board.show(number: "B042")
        var w = await sim.waitForWrites(unit: 7, count: 2)
        #expect(w.first.map { [$0.fc, $0.address] + $0.values } == [16, 0, 0x4230, 0x3432])

        try await board.test(hold: .milliseconds(50))
        w = await sim.waitForWrites(unit: 7, count: 6)
        #expect(w.dropFirst(2).first?.values == [0x3838, 0x3838])
        #expect(w.dropFirst(4).first?.values == [0x2020, 0x2020])
        await master.close()
    }

    @Test("broadcast reaches every board and expects no reply")
    func broadcast() async throws {
        let sim = try await BoardBusSimulator.start(units: [1, 2])
        defer { sim.stop() }
        let master = try ModbusMaster.open(path: sim.link, timing: Self.timing)
        let start = monotonicNanos()
        // Nobody answers a broadcast: waiting for a reply would end in `noReply` (thrown) after 3 × 500 ms.
        try await master.broadcast(.writeSingleRegister(address: 0, value: 0xFFFF))
        #expect(monotonicNanos() - start < 1_500_000_000)
        #expect(await sim.waitForWrites(unit: 1, count: 1).first?.values == [0xFFFF])
        #expect(await sim.waitForWrites(unit: 2, count: 1).first?.values == [0xFFFF])
        await master.close()
    }

    @Test("probe reads a holding register")
    func probe() async throws {
        let sim = try await BoardBusSimulator.start(units: [4])
        defer { sim.stop() }
        let master = try ModbusMaster.open(path: sim.link, timing: Self.timing)
        try await master.transact(unit: 4, .writeSingleRegister(address: 2, value: 0x1234))
        let r = try await master.transact(unit: 4, .readHoldingRegisters(address: 1, count: 2))
        #expect(r == .readHoldingRegisters(values: [0, 0x1234]))
        await master.close()
    }
}

/// A bus built the way the daemon's config describes it.
@Suite("Counter board bus from config", .enabled(if: DeviceSims.enabled))
struct CounterBoardBusTests {
    @Test("counter ids map to addresses; health roles are <bus>:<counter>")
    func fromConfig() async throws {
        let sim = try await BoardBusSimulator.start(units: [4, 9])
        defer { sim.stop() }
        let registry = DeviceRegistry()
        let model = try #require(BoardModel.preset(named: "generic-4digit"))
        let bus = try await CounterBoardBus.open(
            role: "boards-hall", path: sim.link, model: model,
            boards: ["1": 4, "2": 9], registry: registry)
        try await #require(bus.board(forCounter: "2")).show(number: "C120")
        #expect(await sim.waitForWrites(unit: 9, count: 2).map(\.values) == [[120], [0]])
        #expect(sim.writes(unit: 4).isEmpty)
        #expect(await registry.get("boards-hall:2")?.state == .ready)
        #expect(await registry.get("boards-hall:1")?.condition == "not-contacted")
        await #expect(throws: ModbusError.encode(.invalidUnit(248))) {
            _ = try await CounterBoardBus.open(role: "x", path: sim.link, model: model, boards: ["1": 248])
        }
        await bus.close()
    }
}
