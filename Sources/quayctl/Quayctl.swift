import ArgumentParser
import Foundation
import QuayControl

@main
struct Quayctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quayctl",
        abstract: "Talk to quayd: issue and call tickets, see the queue, check devices.",
        discussion: "Every command goes through quayd's control socket; quayctl never opens the database.",
        subcommands: [Ping.self, Issue.self, Call.self, Recall.self, Serve.self, Done.self, NoShow.self, Return.self, Transfer.self,
                      Queue.self, Counters.self, Stats.self, Watch.self, ConfigCmd.self, Devices.self, Device.self, I18n.self, Reload.self,
                      PrintTest.self, Preview.self, Reprint.self, Raw.self,
                      DossierCmd.self, IssueReturn.self, History.self]
    )
}

struct Common: ParsableArguments {
    @Option(name: .long, help: "Control socket (default $QUAY_SOCKET or /run/quayd/control.sock).")
    var socket: String = ProcessInfo.processInfo.environment["QUAY_SOCKET"] ?? "/run/quayd/control.sock"
    @Flag(name: .long, help: "Print the raw JSON reply.") var json = false

    func client() throws -> ControlClient {
        // A daemon that closes the connection (overlong line, shutdown) must give an error message, not kill us.
        signal(SIGPIPE, SIG_IGN)
        do { return try ControlClient(path: socket) } catch { throw CLIError(message: "\(error)") }
    }

    /// Calls `op` and returns the reply, or prints the error and exits non-zero.
    func call(_ op: String, _ fields: [String: JSONValue] = [:]) throws -> JSONValue {
        try call(on: try client(), op, fields)
    }

    /// The same on an open connection (several requests over one connection).
    func call(on client: ControlClient, _ op: String, _ fields: [String: JSONValue] = [:], timeoutMs: Int32 = 30_000) throws -> JSONValue {
        let reply: JSONValue
        do { reply = try client.call(op, fields, timeoutMs: timeoutMs) } catch { throw CLIError(message: "\(error)") }
        if reply["ok"]?.bool != true {
            if json { print(Render.json(reply)); throw ExitCode(1) }
            let code = reply["error"]?["code"]?.string ?? "error"
            let msg = reply["error"]?["message"]?.string ?? "request failed"
            throw CLIError(message: "\(code): \(msg)")
        }
        return reply
    }
}

struct CLIError: Error, CustomStringConvertible {
    var message: String
    var description: String { "quayctl: \(message)" }
}

extension Dictionary where Key == String, Value == JSONValue {
    static func fields(_ pairs: [(String, String?)]) -> [String: JSONValue] {
        var d: [String: JSONValue] = [:]
        for (k, v) in pairs { if let v { d[k] = .string(v) } }
        return d
    }
}
