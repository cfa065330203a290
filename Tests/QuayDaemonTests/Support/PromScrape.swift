import Foundation

/// HTTP GETs with curl and Prometheus text parsed by Debian's python3-prometheus-client (the parser a
/// technician's tooling uses), for the `/metrics` and `/healthz` tests.
enum PromScrape {
    struct Sample {
        var name: String
        var labels: [String: String]
        var value: Double
    }

    /// Every sample of every family, as prometheus_client's text parser reads them.
    static func families(url: String) throws -> [Sample] {
        let script = """
            import json, sys, urllib.request
            from prometheus_client.parser import text_string_to_metric_families
            text = urllib.request.urlopen(sys.argv[1], timeout=10).read().decode("utf-8")
            out = []
            for fam in text_string_to_metric_families(text):
                for s in fam.samples:
                    out.append({"name": s.name, "labels": s.labels, "value": s.value, "type": fam.type})
            print(json.dumps(out))
            """
        let text = try run("/usr/bin/python3", ["-c", script, url]).body
        let rows = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] ?? []
        return rows.map { r in
            Sample(name: r["name"] as? String ?? "", labels: r["labels"] as? [String: String] ?? [:], value: r["value"] as? Double ?? .nan)
        }
    }

    static func value(_ samples: [Sample], _ name: String, _ labels: [String: String]) -> Double? {
        samples.first { $0.name == name && $0.labels == labels }?.value
    }

    /// Status code and body of a GET.
    static func get(_ url: String) throws -> (status: Int, body: String) {
        let r = try run("/usr/bin/curl", ["-s", "-m", "10", "-w", "\n%{http_code}", url]).body
        let parts = r.split(separator: "\n", omittingEmptySubsequences: false)
        return (Int(parts.last ?? "") ?? 0, parts.dropLast().joined(separator: "\n"))
    }

    static func run(_ tool: String, _ args: [String]) throws -> (status: Int32, body: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = args
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw TestFailure("\(tool) failed (\(p.terminationStatus))") }
        return (p.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
