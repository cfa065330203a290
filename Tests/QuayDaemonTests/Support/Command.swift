import Foundation

/// Runs a system tool (ip, tc, nft, curl) to completion for the network-namespace tests: stdout and stderr
/// together, killed at the timeout.
enum Command {
    static let ip = "/usr/sbin/ip"
    static let tc = "/usr/sbin/tc"
    static let nft = "/usr/sbin/nft"
    static let curl = "/usr/bin/curl"

    struct Result {
        var status: Int32
        var output: String
    }

    static func run(_ args: String..., input: String? = nil, timeout: Double = 30) throws -> Result {
        try run(args, input: input, timeout: timeout)
    }

    /// `stderr: false`: the tool's stderr goes to /dev/null (output is stdout alone).
    static func run(_ args: [String], input: String? = nil, timeout: Double = 30, stderr: Bool = true) throws -> Result {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: args[0])
        p.arguments = Array(args.dropFirst())
        let out = Pipe()
        p.standardOutput = out
        p.standardError = stderr ? out : FileHandle.nullDevice
        let inPipe = Pipe()
        p.standardInput = input == nil ? FileHandle.nullDevice : inPipe
        try p.run()
        if let input {
            inPipe.fileHandleForWriting.write(Data(input.utf8))
            try? inPipe.fileHandleForWriting.close()
        }
        let timer = DispatchWorkItem { if p.isRunning { kill(p.processIdentifier, SIGKILL) } }
        DispatchQueue.global().asyncAfter(deadline: .now() + timeout, execute: timer)
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        timer.cancel()
        return Result(status: p.terminationStatus, output: String(decoding: data, as: UTF8.self))
    }

    /// Runs and throws with the output when the tool fails; returns its output.
    @discardableResult
    static func check(_ args: String..., input: String? = nil) throws -> String { try check(args, input: input) }

    @discardableResult
    static func check(_ args: [String], input: String? = nil) throws -> String {
        let r = try run(args, input: input)
        guard r.status == 0 else { throw TestFailure("\(args.joined(separator: " ")) failed (\(r.status)): \(r.output)") }
        return r.output
    }
}
