import Foundation
import Testing
@testable import QuayDevices
import QuaySystem

@Suite("Counter board register mapping")
struct CounterBoardMappingTests {
    private func board(_ model: BoardModel) throws -> CounterBoard {
        // The mapping is pure; the master is never used. /dev/null stands in for the port (termios not applied).
        let master = try ModbusMaster.open(path: "/dev/null")
        return CounterBoard(master: master, unit: 1, model: model, role: "board-test")
    }

    @Test("generic model: FC06 number at 0, FC06 blink at 1")
    func generic() throws {
        let b = try board(.generic4Digit)
        #expect(
            b.requests(number: "A015", blink: false) == [
                .writeSingleRegister(address: 0, value: 15), .writeSingleRegister(address: 1, value: 0),
            ])
        #expect(b.requests(number: "A015", blink: true).last == .writeSingleRegister(address: 1, value: 1))
        #expect(b.clearRequests() == [.writeSingleRegister(address: 0, value: 0xFFFF), .writeSingleRegister(address: 1, value: 0)])
    }

    @Test("combined FC16 write when the blink register follows the number")
    func combined() throws {
        var m = BoardModel.generic4Digit
        m.combineBlinkWrite = true
        #expect(try board(m).requests(number: "B120", blink: true) == [.writeMultipleRegisters(address: 0, values: [120, 1])])
    }

    @Test("BCD encoding keeps the last digits")
    func bcd() throws {
        let b = try board(BoardModel(name: "bcd", numberRegister: 0x10, encoding: .bcd, digits: 3))
        #expect(b.requests(number: "A015", blink: false) == [.writeSingleRegister(address: 0x10, value: 0x015)])
        #expect(b.numberRegisters(for: "C1234") == [0x234])
    }

    @Test("ASCII text board: two characters per register, right-aligned, folded to ASCII")
    func ascii() throws {
        let b = try board(.text4)
        #expect(
            b.requests(number: "A015", blink: false) == [
                .writeMultipleRegisters(address: 0, values: [0x4130, 0x3135]), .writeSingleRegister(address: 0x10, value: 0),
            ])
        #expect(b.numberRegisters(for: "B7") == [0x2020, 0x4237])
        #expect(b.clearRequests().first == .writeMultipleRegisters(address: 0, values: [0x2020, 0x2020]))
    }

    @Test("models without blink and FC06-less models")
    func variants() throws {
        let b = try board(BoardModel(name: "plain", numberRegister: 5, writeMultipleOnly: true))
        #expect(b.requests(number: "A9", blink: true) == [.writeMultipleRegisters(address: 5, values: [9])])
    }

    @Test("models decode from configuration")
    func codable() throws {
        let json =
            #"{"name":"x","numberRegister":2,"encoding":"bcd","digits":4,"blinkRegister":3,"blinkOn":2,"blinkOff":0,"clearValue":0,"#
            + #""writeMultipleOnly":false,"combineBlinkWrite":true}"#
        let m = try JSONDecoder().decode(BoardModel.self, from: Data(json.utf8))
        #expect(m.encoding == .bcd && m.blinkRegister == 3 && m.blinkOn == 2)
    }
}
