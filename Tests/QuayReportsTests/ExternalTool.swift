import Foundation

/// Runs a real client of a rendered report (Debian's python3 with openpyxl, poppler's pdftoppm/pdftotext) and
/// returns its standard output; a failing tool is a thrown error with its standard error.
enum ExternalTool {
    struct Failed: Error, CustomStringConvertible {
        var description: String
    }

    static func run(_ tool: String, _ args: [String]) throws -> String {
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
    static func python(_ script: String, _ args: [String] = []) throws -> String {
        try run("/usr/bin/python3", ["-c", script] + args)
    }

    static func json(_ text: String) throws -> Any { try JSONSerialization.jsonObject(with: Data(text.utf8)) }
}
