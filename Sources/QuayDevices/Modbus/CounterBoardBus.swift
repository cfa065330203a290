import Logging
import QuaySystem

/// One RS-485 bus with its counter boards, built from a config entry (role, device, baud, model,
/// counter id -> Modbus address). The daemon keeps one per bus and looks boards up by counter id.
public struct CounterBoardBus: Sendable {
    public let role: String
    public let master: ModbusMaster
    /// Counter id -> board.
    public let boards: [String: CounterBoard]

    /// Opens the port, creates a board per counter (health role "<role>:<counter id>", kind "board") and registers
    /// them. Throws `.transport` when the device cannot be opened, `.encode(.invalidUnit)` for an address outside
    /// 1...247.
    public static func open(
        role: String, path: String, baud: Int = 9600, model: BoardModel,
        boards: [String: Int], registry: DeviceRegistry? = nil,
        timing: ModbusTiming? = nil,
        logger: Logger = Logger(label: "quay.modbus")
    ) async throws(ModbusError) -> CounterBoardBus {
        for (_, address) in boards where !(1...247).contains(address) {
            throw .encode(.invalidUnit(UInt8(clamping: address)))
        }
        var t = timing ?? ModbusTiming()
        t.line.baud = baud
        let master = try ModbusMaster.open(path: path, timing: t, registry: registry, logger: logger)
        var made: [String: CounterBoard] = [:]
        for (counter, address) in boards.sorted(by: { $0.key < $1.key }) {
            let board = CounterBoard(master: master, unit: UInt8(address), model: model, role: "\(role):\(counter)")
            await board.attach()
            made[counter] = board
        }
        return CounterBoardBus(role: role, master: master, boards: made)
    }

    public func board(forCounter id: String) -> CounterBoard? { boards[id] }

    /// Restores boards that came back (run as a task for the bus's lifetime; cancel to stop).
    public func runMaintenance(every interval: Duration = .milliseconds(500)) async {
        await master.runMaintenance(every: interval)
    }

    /// Blanks every board with one broadcast frame (generic models; others: call `clear()` per board).
    public func blankAll(model: BoardModel) async throws(ModbusError) {
        try await master.broadcast(.writeSingleRegister(address: model.numberRegister, value: model.clearValue))
    }

    public func close() async { await master.close() }
}
