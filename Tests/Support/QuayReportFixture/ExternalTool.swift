import Foundation

/// Runs a real client of a rendered report (Debian's python3 with openpyxl, poppler's pdftoppm/pdftotext) and
/// returns its standard output; a failing tool is a thrown error with its standard error.
public enum ExternalTool {
    public struct Failed: Error, CustomStringConvertible {
        public var description: String
        public init(description: String) { self.description = description }
    }

    public static func run(_ tool: String, _ args: [String]) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errData = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else {
            throw Failed(description: "\(tool) \(args.joined(separator: " ")): \(String(decoding: errData, as: UTF8.self))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Debian's python (the pyenv python on PATH lacks openpyxl).
    public static func python(_ script: String, _ args: [String] = []) throws -> String {
        try run("/usr/bin/python3", ["-c", script] + args)
    }

    public static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }
}
