import ArgumentParser
import Foundation
import QuayControl

@main
struct Quayctl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quayctl",
        abstract: "Talk to quayd: issue and call tickets, see the queue, check devices.",
        discussion: "Every command goes through quayd's control socket; quayctl never opens the database.",
        subcommands: [
            Ping.self, Issue.self, Call.self, Recall.self, Serve.self, Done.self, NoShow.self, Return.self, Transfer.self,
            Queue.self, Counters.self, Stats.self, Watch.self, ConfigCmd.self, Devices.self, Device.self, I18n.self, Reload.self,
            PrintTest.self, Preview.self, Reprint.self, Raw.self, Say.self,
            DossierCmd.self, PostCmd.self, IssueReturn.self, History.self, Report.self, UserCmd.self, SyncCmd.self,
        ]
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

    /// Calls `op` and decodes its reply as `B`. With `--json` the reply line is printed as quayd sent it and nil is
    /// returned (an error reply: printed, exit code 1). Without, an error reply is thrown as a `CLIError` carrying
    /// the `ControlError`.
    func call<B: Decodable>(_ op: String, _ fields: [String: JSONValue] = [:], as type: B.Type) throws -> B? {
        try call(on: try client(), op, fields, as: type)
    }

    /// The same on an open connection.
    func call<B: Decodable>(
        on client: ControlClient, _ op: String, _ fields: [String: JSONValue] = [:], as type: B.Type,
        timeoutMs: Int32 = 30_000
    ) throws -> B? {
        let line = try exchange(on: client, op, fields, timeoutMs: timeoutMs)
        if json {
            print(line)
            if Self.head(line)?.ok != true { throw ExitCode(1) }
            return nil
        }
        return try Self.body(line, as: B.self)
    }

    /// Calls `op` and always decodes the body (for commands that sum up several replies themselves, as
    /// `dossier import`); with `--json` an error reply is still printed as sent, with exit code 1.
    func request<B: Decodable>(
        on client: ControlClient, _ op: String, _ fields: [String: JSONValue] = [:], as type: B.Type,
        timeoutMs: Int32 = 30_000
    ) throws -> B {
        let line = try exchange(on: client, op, fields, timeoutMs: timeoutMs)
        if json, Self.head(line)?.ok == false {
            print(line)
            throw ExitCode(1)
        }
        return try Self.body(line, as: B.self)
    }

    private func exchange(on client: ControlClient, _ op: String, _ fields: [String: JSONValue], timeoutMs: Int32) throws -> String {
        do { return try client.callLine(op, fields, timeoutMs: timeoutMs) } catch { throw CLIError(message: "\(error)") }
    }

    static func head(_ line: String) -> ReplyHead? { try? JSONDecoder().decode(ReplyHead.self, from: Data(line.utf8)) }

    /// `{"ok":true,…}` as `B`; `{"ok":false,"error":…}` as a thrown `CLIError` with the `ControlError`.
    static func body<B: Decodable>(_ line: String, as type: B.Type) throws -> B {
        let result: Result<B, ControlError>
        do { result = try Wire.decodeReply(Array(line.utf8), as: B.self) } catch {
            throw CLIError(message: "unreadable reply from quayd (\(error)): \(line)")
        }
        switch result {
        case .success(let b): return b
        case .failure(let e): throw CLIError(e)
        }
    }
}

struct CLIError: Error, CustomStringConvertible {
    var message: String
    /// The error quayd answered, when the failure is an error reply.
    var control: ControlError?
    init(message: String) { self.message = message }
    init(_ e: ControlError) {
        message = "\(e.code): \(e.message)"
        control = e
    }
    var description: String { "quayctl: \(message)" }
}

extension Dictionary where Key == String, Value == JSONValue {
    static func fields(_ pairs: [(String, String?)]) -> [String: JSONValue] {
        var d: [String: JSONValue] = [:]
        for (k, v) in pairs { if let v { d[k] = .string(v) } }
        return d
    }
}
