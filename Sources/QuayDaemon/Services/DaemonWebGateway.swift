import QuayControl
import QuayCore
import QuayWeb

/// The web pages' way into the queue: every request runs through the op table as the page's caller (a kiosk, a
/// signed-in clerk), with the role and counter checks and the audit trail of the control socket.
struct DaemonWebGateway: WebGateway {
    let state: DaemonState
    let dispatcher: OpDispatcher

    func call<Q: OpRequest>(_ spec: OpSpec, _ request: Q, as principal: WebPrincipal) async -> [UInt8] {
        switch await dispatcher.dispatch(spec, request, as: .web(principal)) {
        case .failure(let e): return Wire.error(nil, e)
        case .success(.body(let b)): return Wire.ok(nil, AnyBody(b))
        case .success(.raw(let field, let json)): return Wire.ok(nil, rawField: field, json: json)
        case .success(.stream(let first, let rest)):
            // Pages do not stream through this door (they have their own WebSocket feeds): the first line only.
            rest.close()
            return Wire.ok(nil, AnyBody(first))
        }
    }

    func texts(prefixes: [String]) async -> [String: [String: String]] {
        let catalog = state.catalog
        var out: [String: [String: String]] = [:]
        for key in catalog.entries.keys where prefixes.contains(where: { key.hasPrefix($0) }) {
            for lang in Language.allCases { out[key, default: [:]][lang.rawValue] = catalog.text(key, lang) }
        }
        return out
    }

    func isKiosk(_ name: String) -> Bool { state.config.web.kiosks.contains(name) }
}
