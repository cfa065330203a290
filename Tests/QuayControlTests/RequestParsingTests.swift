import Foundation
import QuayControl
import Testing

/// The byte-level pre-scan and the typed decoding of requests: pathological input is refused with a typed
/// error, quickly, before Foundation's parser sees it.
@Suite struct RequestParsingTests {
    @Test(arguments: [1, 31, 32])
    func nestingWithinTheLimitPasses(depth: Int) {
        let line = Array(repeating: UInt8(ascii: "["), count: depth) + Array(repeating: UInt8(ascii: "]"), count: depth)
        #expect(JSONPreScan().check(line) == nil)
    }

    @Test(arguments: [33, 513, 100_000])
    func deeperNestingIsRefused(depth: Int) {
        let line = Array(repeating: UInt8(ascii: "{"), count: depth)
        #expect(JSONPreScan().check(line) == .tooDeep(limit: 32, at: 32))
        guard case .failure(let e) = Wire.parseRequest(Array(repeating: UInt8(ascii: "["), count: depth)) else {
            Issue.record("parsed")
            return
        }
        #expect(e.code == "bad-json")
    }

    @Test func bracketsInsideStringsDoNotCount() {
        let s = Array((#"{"op":"ping","x":""# + String(repeating: "[", count: 1000) + #"\"[{"}"#).utf8)
        #expect(JSONPreScan().check(s) == nil)
        if case .success(let r) = Wire.parseRequest(s) { #expect(r.op == "ping") } else { Issue.record("refused") }
    }

    @Test(arguments: [#"{"op":"ping","x":"a\u0000"}"#, #"{"op":"ping","x":"\u0000"}"#, #"{"op":"ping","x":"\\\u0000"}"#])
    func nulInAStringIsRefused(line: String) {
        guard case .nulInString = JSONPreScan().check(Array(line.utf8)) else {
            Issue.record("not refused: \(line)")
            return
        }
    }

    @Test(arguments: [
        #"{"op":"ping","x":"\\u0000"}"#, #"{"op":"ping","x":"\u00001"}"#.replacingOccurrences(of: "\\u0000", with: "\\u0001"),
    ])
    func escapesThatAreNotNULPass(line: String) {
        #expect(JSONPreScan().check(Array(line.utf8)) == nil, "\(line)")
    }

    @Test func typedArgsDecodeAndNameTheFieldOnBadNumbers() throws {
        guard
            case .success(let r) = Wire.parseRequest(
                Array(#"{"op":"results-ready","args":{"limit":20,"code":12345,"unknown":[[1]]}}"#.utf8))
        else {
            Issue.record("refused")
            return
        }
        #expect(r.args?.limit == 20)
        #expect(r.args?.code == "12345")
        for (line, field) in [
            (#"{"op":"x","args":{"limit":1e300}}"#, "args.limit"), (#"{"op":"x","args":{"lineOffset":-1e19}}"#, "args.lineOffset"),
            (#"{"op":"x","args":{"code":1e19}}"#, "args.code"), (#"{"op":"x","args":{"limit":2.5}}"#, "args.limit"),
            (#"{"op":"x","args":{"timeout":"7"}}"#, "args.timeout"), (#"{"op":"x","args":{"code":[1]}}"#, "args.code"),
        ] {
            guard case .failure(let e) = Wire.parseRequest(Array(line.utf8)) else {
                Issue.record("accepted \(line)")
                continue
            }
            #expect(e.code == "bad-request" && e.message.contains(field), "\(line) → \(e)")
        }
    }

    /// The costliest 64 KiB lines the limits allow decode in a few ms (the old generic decoder: 90 s).
    @Test func worstCaseLinesDecodeQuickly() {
        let nested = String(repeating: "[", count: 30) + String(repeating: "]", count: 30)
        var wide = #"{"op":"issue","args":{"#
        var i = 0
        while wide.utf8.count < 65_000 {
            wide += "\"k\(i)\":\(nested),"
            i += 1
        }
        wide += #""kiosk":"x"}}"#
        let flat = #"{"op":"issue","args":{"a":["# + String(repeating: "[],", count: 21_000) + "[]]}}"
        for line in [wide, flat] {
            let bytes = Array(line.utf8)
            let t = DispatchTime.now().uptimeNanoseconds
            _ = Wire.parseHead(bytes)
            _ = Wire.parseRequest(bytes)
            let ms = Double(DispatchTime.now().uptimeNanoseconds - t) / 1e6
            #expect(ms < 50, "\(bytes.count) bytes took \(ms) ms")
        }
    }
}
