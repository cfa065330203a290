import Foundation
import Testing
@testable import QuayDevices

/// Every `match = "..."` in the shipped sample configuration must be a matcher DeviceManager accepts.
@Suite("Matchers in docs/quayd.sample.toml")
struct SampleConfigMatchersTests {
    @Test func sampleMatchersParse() throws {
        let url = DeviceSimHarness.repoRoot.appendingPathComponent("docs/quayd.sample.toml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let values = text.split(separator: "\n").compactMap { line -> String? in
            let t = line.trimmingCharacters(in: .whitespaces)
            guard t.hasPrefix("match"), let q1 = t.firstIndex(of: "\""), let q2 = t.lastIndex(of: "\""), q1 < q2 else { return nil }
            return String(t[t.index(after: q1)..<q2])
        }
        #expect(!values.isEmpty, "no match = lines in the sample")
        for v in values {
            #expect(throws: Never.self, "match = \"\(v)\"") { try DeviceMatcher(parsing: v) }
        }
    }
}
