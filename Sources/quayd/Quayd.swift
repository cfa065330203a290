import ArgumentParser
import Foundation
import QuayDaemon

@main
struct Quayd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "quayd",
        abstract: "Queue-ticket and kiosk daemon for public administration service centers.",
        version: DaemonState.version,
        subcommands: [Run.self, CheckConfig.self, DemoConfigCmd.self, SyncKeyCmd.self, ProvinceCmd.self],
        defaultSubcommand: Run.self
    )

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Run the daemon.")
        @Option(name: .long, help: "Configuration file.") var config: String?
        @Flag(
            name: .long,
            help: "Demo mode: the embedded demo center (or --config) with simulated citizens and clerks, in a temporary state directory.")
        var demo = false
        @Flag(name: .long, help: "In the demo, don't simulate citizens and clerks.") var noDemoTraffic = false
        @Option(name: .long, help: "Control socket path (overrides the configuration).") var socket: String?
        @Option(name: .long, help: "State directory (overrides the configuration).") var stateDir: String?

        func run() async throws {
            var o = RunOptions()
            o.configFile = config
            o.demo = demo
            o.demoTraffic = !noDemoTraffic
            o.socketPath = socket
            o.stateDir = stateDir
            do {
                try await Daemon.run(o)
            } catch let e as DaemonStartError {
                FileHandle.standardError.write(Data("<3>quayd: cannot start: \(e)\n".utf8))
                throw ExitCode(78)
            }
        }
    }

    struct CheckConfig: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "check-config", abstract: "Validate a configuration file and list every problem.")
        @Argument(help: "Configuration file.") var file: String

        func run() throws {
            do {
                let c = try ConfigLoader.load(file: file)
                print(
                    "\(file): OK — site \(c.center.site), \(c.center.services.count) services, \(c.center.counters.count) counters, "
                        + "\(c.devices.printers.count) printers"
                )
            } catch {
                FileHandle.standardError.write(Data("\(error)\n".utf8))
                throw ExitCode(1)
            }
        }
    }
}

struct DemoConfigCmd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo-config", abstract: "Print the embedded demo configuration (a starting point for a real one).")
    func run() throws { print(DemoConfig.toml) }
}

struct SyncKeyCmd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync-key",
        abstract: "Create the sync key (0600) if missing and print its public key (base64) for the peers' [[sync.peer]] entries.")
    @Option(name: .long, help: "Configuration file ([sync] key_file, else <state_dir>/sync.key).") var config: String?
    @Option(name: .long, help: "Key file (overrides the configuration).") var keyFile: String?

    func run() throws {
        do {
            let (pub, path, created) = try SyncKeyTool.run(configFile: config, keyFile: keyFile)
            print(pub)
            FileHandle.standardError.write(Data("\(created ? "created" : "using") \(path)\n".utf8))
        } catch {
            FileHandle.standardError.write(Data("quayd sync-key: \(error)\n".utf8))
            throw ExitCode(1)
        }
    }
}
