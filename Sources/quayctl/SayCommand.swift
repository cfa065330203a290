import ArgumentParser
import Foundation
import QuayControl

struct Say: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Announce a text in the hall (technicians): chime, then the text, in one zone or every zone.")
    @OptionGroup var common: Common
    @Argument(help: "What to say (at most 200 characters).") var text: String
    @Option(help: "vi, km (spoken from the Khmer clip set: every word must be recorded) or en.") var lang = "vi"
    @Option(help: "Zone name from [[voice.zone]]; default every zone.") var zone: String?

    func run() throws {
        var args: [String: JSONValue] = ["text": .string(text)]
        if let zone { args["zone"] = .string(zone) }
        let fields: [String: JSONValue] = ["language": .string(lang), "args": .object(args)]
        guard let r = try common.call(OpCatalog.say.name, fields, as: SayBody.self) else { return }
        print("Queued in \(r.zones.joined(separator: ", ")) (\(String(format: "%.1f", r.seconds)) s, \(r.language)).")
        for d in r.dropped { print("Queue was full: dropped \(d)") }
    }
}
