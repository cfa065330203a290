import ArgumentParser
import Foundation
import QuayControl
import QuayCore

#if canImport(Glibc)
import Glibc
#endif

/// `quayctl user add|passwd|disable|list`: web accounts of the clerk console (admin). Passwords are asked without
/// echo (twice) or read from standard input with `--password-stdin`; they go to quayd over the control socket only.
struct UserCmd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Web accounts for the clerk console: add, passwd, disable, list (admin).",
        subcommands: [UserAdd.self, UserPasswd.self, UserDisable.self, UserList.self])
}

struct PasswordSource: ParsableArguments {
    @Flag(name: .long, help: "Read the password (or PIN) from the first line of standard input instead of asking.")
    var passwordStdin = false

    func read() throws -> String {
        if passwordStdin {
            guard let line = Swift.readLine(strippingNewline: true), !line.isEmpty else { throw CLIError(message: "no password on stdin") }
            return line
        }
        guard let a = getpass("Password or PIN (6-72 characters): ").map({ String(cString: $0) }),
            let b = getpass("Again: ").map({ String(cString: $0) })
        else { throw CLIError(message: "no terminal to ask the password on; use --password-stdin") }
        guard a == b else { throw CLIError(message: "the two passwords differ") }
        return a
    }
}

struct UserAdd: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add", abstract: "Add an account: quayctl user add NAME --role clerk --counters q2")
    @OptionGroup var common: Common
    @Argument(help: "Account name (a-z 0-9 . - _).") var name: String
    @Option(help: "clerk, technician or admin.") var role = "clerk"
    @Option(help: "A clerk's counters, comma-separated (default: every counter).") var counters = ""
    @OptionGroup var password: PasswordSource

    func run() throws {
        let list = counters.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let args: [String: JSONValue] = [
            "name": .string(name), "role": .string(role), "counters": .array(list.map { .string($0) }),
            "password": .string(try password.read()),
        ]
        guard try common.callArgs(OpCatalog.userAdd.name, args, as: Empty.self) != nil else { return }
        print("added \(name) (\(role)\(list.isEmpty ? "" : ", counters " + list.joined(separator: ", ")))")
    }
}

struct UserPasswd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "passwd", abstract: "Set a new password (clears a lockout).")
    @OptionGroup var common: Common
    @Argument var name: String
    @OptionGroup var password: PasswordSource

    func run() throws {
        let args: [String: JSONValue] = ["name": .string(name), "password": .string(try password.read())]
        guard try common.callArgs(OpCatalog.userPasswd.name, args, as: Empty.self) != nil else { return }
        print("password of \(name) changed")
    }
}

struct UserDisable: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "disable", abstract: "Stop an account from signing in.")
    @OptionGroup var common: Common
    @Argument var name: String

    func run() throws {
        guard try common.callArgs(OpCatalog.userDisable.name, ["name": .string(name)], as: Empty.self) != nil else { return }
        print("\(name) disabled")
    }
}

struct UserList: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "list", abstract: "Every account (never a password).")
    @OptionGroup var common: Common

    func run() throws {
        guard let body = try common.call(OpCatalog.userList.name, as: UserListBody.self) else { return }
        for u in body.users {
            var line = "\(u.name)  \(u.role)  counters: \(u.counters.isEmpty ? "all" : u.counters.joined(separator: ","))"
            if u.disabled { line += "  disabled" }
            if let until = u.lockedUntil, until > Date().timeIntervalSince1970 {
                line += "  locked until \(Date(timeIntervalSince1970: until))"
            }
            print(line)
        }
    }
}
