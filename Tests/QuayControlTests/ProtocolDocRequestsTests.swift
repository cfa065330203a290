import Foundation
import QuayControl
import QuayCore
import Testing

/// Every request example in docs/protocol.md builds its op's typed request (`OpSpec.request`), or, when the
/// documented reply refuses it as malformed (`missing-field`, `invalid-field`, `bad-request`), fails with that code.
@Suite struct ProtocolDocRequestsTests {
    struct Example {
        var line: Int
        var request: Request
        /// The code of the documented error reply with the same id in the same block, if any.
        var refusal: String?
    }

    static let parseCodes: Set<String> = ["missing-field", "invalid-field", "bad-request"]

    static func examples() -> [Example] {
        var out: [Example] = []
        var block: [Example] = []
        var inBlock = false
        for (i, raw) in OpCatalogTests.protocolDoc.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if line.hasPrefix("```") {
                inBlock.toggle()
                out += block
                block = []
                continue
            }
            guard inBlock else { continue }
            if line.hasPrefix(">") {
                var text = line.dropFirst().trimmingCharacters(in: .whitespaces)
                if text.hasSuffix("\\r") { text = String(text.dropLast(2)) }
                guard text.hasPrefix("{"), case .success(let r) = Wire.parseRequest(Array(text.utf8)) else { continue }
                block.append(Example(line: i + 1, request: r))
                continue
            }
            let text = line.hasPrefix("< ") ? String(line.dropFirst(2)) : line
            guard text.hasPrefix("{"), let reply = try? JSONDecoder().decode(ErrorReply.self, from: Data(text.utf8)),
                let code = reply.error?.code, let id = reply.id,
                let k = block.lastIndex(where: { $0.request.id == id && $0.refusal == nil })
            else { continue }
            block[k].refusal = code
        }
        return out + block
    }

    struct ErrorReply: Decodable {
        struct E: Decodable { var code: String }
        var id: RequestID?
        var error: E?
    }

    @Test func documentedRequestsBuildTheirTypedRequests() throws {
        let examples = Self.examples()
        #expect(examples.count >= 40, "found only \(examples.count) request examples")
        var ops = Set<String>()
        for e in examples {
            guard let spec = OpCatalog.spec(e.request.op) else { continue }  // unknown-op examples
            ops.insert(spec.name)
            do throws(ControlError) {
                _ = try spec.request.init(wire: e.request)
                if let code = e.refusal, Self.parseCodes.contains(code) {
                    Issue.record("docs/protocol.md:\(e.line): documented as \(code), but \(spec.request) accepts it")
                }
            } catch {
                if e.refusal != error.code {
                    Issue.record("docs/protocol.md:\(e.line): \(spec.request) refuses it (\(error.code): \(error.message))")
                }
            }
        }
        #expect(ops.count >= 25, "request examples cover only \(ops.sorted())")
    }

    /// The counter a restricted clerk is checked against comes from the request for every scoped op: a request
    /// type that dropped it would let a clerk of q2 act on q1.
    @Test func everyScopedOpNamesItsCounter() throws {
        for spec in OpCatalog.all where spec.scope != .none && spec.scope != .dossier {
            var r = Request(op: spec.name)
            (r.counter, r.ticket, r.toCounter, r.state, r.service) = ("q1", "A001", "q2", "paused", "hotich")
            var a = RequestArgs()
            (a.receiptCode, a.procedure, a.appointmentDate, a.citizenName) = ("H1", "p", "2030-01-01", "An")
            a.items = [PostalHandover(dossier: "H1", tracking: "EA123456789VN")]
            r.args = a
            let q = try spec.request.init(wire: r)
            #expect(q.subject.counter == "q1", "\(spec.name): \(spec.request) does not name the request's counter")
        }
    }

    /// Every op's request type checks its fields: a wrong type or range is a typed error naming the field.
    @Test func fieldsAreChecked() {
        func refusal(_ json: String) -> ControlError? {
            guard case .success(let r) = Wire.parseRequest(Array(json.utf8)), let spec = OpCatalog.spec(r.op) else {
                return ControlError(code: "unparsed", message: json)
            }
            do throws(ControlError) {
                _ = try spec.request.init(wire: r)
                return nil
            } catch { return error }
        }
        #expect(refusal(#"{"op":"issue"}"#)?.code == "missing-field")
        #expect(refusal(#"{"op":"issue","service":"a","language":"fr"}"#)?.message.contains("language") == true)
        #expect(refusal(#"{"op":"queue","args":{"limit":0}}"#)?.code == "bad-request")
        #expect(refusal(#"{"op":"queue","args":{"limit":10000}}"#) == nil)
        #expect(refusal(#"{"op":"counter","counter":"q1","state":"asleep"}"#)?.code == "invalid-field")
        #expect(refusal(#"{"op":"transfer","ticket":"A1"}"#)?.code == "missing-field")
        #expect(refusal(#"{"op":"dossier-stats","args":{"from":"2026-12-01","to":"2026-11-01"}}"#)?.code == "invalid-field")
        #expect(refusal(#"{"op":"dossier-update","args":{"dossier":"X","status":"done-ish"}}"#)?.code == "invalid-field")
        #expect(refusal(#"{"op":"device-test","role":"scanner","args":{"timeout":301}}"#)?.code == "bad-request")
        #expect(refusal(#"{"op":"print-test","language":"km"}"#) == nil)
        #expect(refusal(#"{"op":"ping","whatever":[1,2]}"#) == nil)
    }
}
