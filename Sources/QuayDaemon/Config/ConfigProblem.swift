/// One problem in a configuration file: where (key path and, when found, line) and what.
public struct ConfigProblem: Sendable, Equatable, CustomStringConvertible {
    public var path: String
    public var line: Int?
    public var message: String

    public var description: String {
        (line.map { "line \($0): " } ?? "") + (path.isEmpty ? "" : "\(path): ") + message
    }
}

/// The configuration could not be used; every problem is listed.
public struct ConfigError: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var problems: [ConfigProblem]
    public var description: String {
        "\(file): \(problems.count) problem(s)\n" + problems.map { "  \($0)" }.joined(separator: "\n")
    }
}
