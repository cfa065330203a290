import Foundation
import Logging

/// Logs one line per message to stderr as `<prio>label: message key=value …`. journald reads the `<N>` prefix
/// as the syslog priority (SyslogLevelPrefix=yes is its default), and a person at a terminal reads the rest.
public struct JournalLogHandler: LogHandler {
    public var metadata: Logger.Metadata = [:]
    public var logLevel: Logger.Level = .info
    let label: String

    public init(label: String) {
        self.label = label
        if let env = ProcessInfo.processInfo.environment["QUAYD_LOG_LEVEL"], let l = Logger.Level(rawValue: env) { logLevel = l }
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    static func priority(_ l: Logger.Level) -> Int {
        switch l {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }

    public func log(event: LogEvent) {
        var all = metadata
        if let m = event.metadata { all.merge(m) { $1 } }
        let kv = all.sorted { $0.key < $1.key }.map { "\($0.key)=\(Self.quote("\($0.value)"))" }.joined(separator: " ")
        let line = "<\(Self.priority(event.level))>\(event.level): \(event.message)\(kv.isEmpty ? "" : " " + kv)\n"
        FileHandle.standardError.write(Data(line.utf8))
    }

    static func quote(_ s: String) -> String {
        s.contains(where: { $0 == " " || $0 == "\"" || $0 == "\n" })
            ? "\"" + s.replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n") + "\"" : s
    }
}
