import Foundation
import Testing
@testable import QuayDevices

/// libmodbus (an independent C implementation) builds the same requests; its frames must equal ours byte for byte,
/// and our parser must decode the replies pymodbus sent it.
@Suite("Frames cross-checked with libmodbus", .enabled(if: DeviceSims.enabled))
struct LibmodbusCrossCheckTests {
    @Test("FC06, FC16 and FC03 frames match libmodbus; pymodbus replies parse")
    func crossCheck() async throws {
        try DeviceSims.require("cc", package: "gcc")
        try DeviceSims.require("pkg-config", package: "pkg-config")
        let sim = try await BoardBusSimulator.start(units: [1, 2, 3])
        defer { sim.stop() }
        let binary = sim.dir + "/libmodbus_client"
        let build = try await run(
            "/bin/sh",
            [
                "-c",
                "cc -o '\(binary)' '\(DeviceSims.script("scripts/sim/libmodbus_client.c"))' "
                    + "$(pkg-config --cflags --libs libmodbus)",
            ])
        #expect(build.status == 0, "cannot build the libmodbus client (apt-get install libmodbus-dev): \(build.output)")
        guard build.status == 0 else { return }

        let ops: [(String, UInt8, ModbusRequest)] = [
            ("w6:3:0:15", 3, .writeSingleRegister(address: 0, value: 15)),
            ("w6:1:1:1", 1, .writeSingleRegister(address: 1, value: 1)),
            ("w16:2:0:16706,12337,1", 2, .writeMultipleRegisters(address: 0, values: [16706, 12337, 1])),
            ("r3:1:0:2", 1, .readHoldingRegisters(address: 0, count: 2)),
        ]
        let result = try await run(binary, [sim.link, "9600"] + ops.map(\.0))
        #expect(result.status == 0, "\(result.output)")
        let lines = result.output.split(separator: "\n").map(String.init)
        let sent = lines.filter { $0.hasPrefix("[") }.map { hexBytes($0, open: "[", close: "]") }
        let received = lines.filter { $0.hasPrefix("<") }.map { hexBytes($0, open: "<", close: ">") }
        #expect(lines.filter { $0.hasPrefix("OK ") }.count == ops.count, "\(result.output)")
        #expect(sent.count == ops.count)
        for (i, op) in ops.enumerated() where i < sent.count {
            #expect(try ModbusRTU.encode(unit: op.1, op.2) == sent[i], "frame for \(op.0)")
        }
        for (i, op) in ops.enumerated() where i < received.count {
            var parser = ModbusRTUParser()
            let frames = parser.feed(received[i]).compactMap { a -> ModbusResponseFrame? in
                if case .frame(let f) = a { return f } else { return nil }
            }
            #expect(frames.count == 1, "reply to \(op.0)")
            if let f = frames.first {
                #expect(f.unit == op.1)
                #expect(ModbusRTU.response(f.response, answers: op.2), "reply \(f.response) to \(op.0)")
            }
        }
    }

    private func hexBytes(_ line: String, open: Character, close: Character) -> [UInt8] {
        line.split(whereSeparator: { $0 == open || $0 == close }).compactMap { UInt8($0, radix: 16) }
    }

    /// Runs a tool to completion on its own thread (not on the cooperative pool).
    private func run(_ path: String, _ args: [String]) async throws -> (status: Int32, output: String) {
        try await offPool { try Self.runBlocking(path, args) }
    }

    private static func runBlocking(_ path: String, _ args: [String]) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = args
        let pipe = Pipe()
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
