import TOMLKit

/// Collects problems while reading a TOML document.
final class ProblemSink {
    var problems: [ConfigProblem] = []
    let locator: LineLocator
    init(source: String) { locator = LineLocator(source: source) }
    func add(_ path: String, _ message: String) {
        problems.append(ConfigProblem(path: path, line: locator.line(of: path), message: message))
    }
}

/// Reads typed keys from one TOML table, remembering which keys were used so the rest can be reported as unknown.
final class TableReader {
    let table: TOMLTable
    let path: String
    let sink: ProblemSink
    private var used: Set<String> = []

    init(_ table: TOMLTable, path: String, sink: ProblemSink) {
        self.table = table
        self.path = path
        self.sink = sink
    }

    func keyPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    private func value(_ key: String) -> TOMLValueConvertible? {
        used.insert(key)
        return table[key]
    }

    func string(_ key: String, required: Bool = false) -> String? {
        guard let v = value(key) else {
            if required { sink.add(keyPath(key), "required key is missing") }
            return nil
        }
        guard let s = v.string else {
            sink.add(keyPath(key), "must be a string")
            return nil
        }
        return s
    }

    func int(_ key: String, required: Bool = false, range: ClosedRange<Int>? = nil) -> Int? {
        guard let v = value(key) else {
            if required { sink.add(keyPath(key), "required key is missing") }
            return nil
        }
        guard let i = v.int else {
            sink.add(keyPath(key), "must be an integer")
            return nil
        }
        if let range, !range.contains(i) {
            sink.add(keyPath(key), "must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return i
    }

    func double(_ key: String, range: ClosedRange<Double>? = nil) -> Double? {
        guard let v = value(key) else { return nil }
        guard let d = v.double ?? v.int.map(Double.init) else {
            sink.add(keyPath(key), "must be a number")
            return nil
        }
        if let range, !range.contains(d) {
            sink.add(keyPath(key), "must be between \(range.lowerBound) and \(range.upperBound)")
            return nil
        }
        return d
    }

    func bool(_ key: String) -> Bool? {
        guard let v = value(key) else { return nil }
        guard let b = v.bool else {
            sink.add(keyPath(key), "must be true or false")
            return nil
        }
        return b
    }

    func strings(_ key: String, required: Bool = false) -> [String]? {
        guard let v = value(key) else {
            if required { sink.add(keyPath(key), "required key is missing") }
            return nil
        }
        guard let a = v.array else {
            sink.add(keyPath(key), "must be an array of strings")
            return nil
        }
        var out: [String] = []
        for (i, e) in a.enumerated() {
            guard let s = e.string else {
                sink.add("\(keyPath(key))[\(i)]", "must be a string")
                continue
            }
            out.append(s)
        }
        return out
    }

    func ints(_ key: String) -> [Int]? {
        guard let v = value(key) else { return nil }
        guard let a = v.array else {
            sink.add(keyPath(key), "must be an array of integers")
            return nil
        }
        var out: [Int] = []
        for (i, e) in a.enumerated() {
            guard let n = e.int else {
                sink.add("\(keyPath(key))[\(i)]", "must be an integer")
                return nil
            }
            out.append(n)
        }
        return out
    }

    func table(_ key: String) -> TableReader? {
        guard let v = value(key) else { return nil }
        guard let t = v.table else {
            sink.add(keyPath(key), "must be a table ([\(keyPath(key))])")
            return nil
        }
        return TableReader(t, path: keyPath(key), sink: sink)
    }

    /// An array of tables (`[[service]]`).
    func tables(_ key: String) -> [TableReader] {
        guard let v = value(key) else { return [] }
        guard let a = v.array else {
            sink.add(keyPath(key), "must be an array of tables ([[\(keyPath(key))]])")
            return []
        }
        var out: [TableReader] = []
        for (i, e) in a.enumerated() {
            guard let t = e.table else {
                sink.add("\(keyPath(key))[\(i)]", "must be a table")
                continue
            }
            out.append(TableReader(t, path: "\(keyPath(key))[\(i)]", sink: sink))
        }
        return out
    }

    /// Reports keys nobody asked for. Call after reading everything this table may hold.
    func finish() {
        for k in table.keys.sorted() where !used.contains(k) {
            sink.add(keyPath(k), "unknown key")
        }
    }
}
