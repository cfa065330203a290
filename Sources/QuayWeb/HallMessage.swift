import Foundation

/// JSON sent on the hall WebSocket, one object per text message, discriminated by "type":
///
///     {"type":"snapshot","snapshot":{"nowCalling":[{"ticket":"A015","counter":3,"at":1.7e9}],"recent":[],
///                                    "waiting":[{"service":"A","nameVi":"...","nameKm":"...","waiting":4}],
///                                    "resultsReady":[{"maskedCode":"***-4821","counter":5}]}}
///     {"type":"called","call":{...}}   {"type":"recalled","call":{...}}   {"type":"counterCleared","counter":3}
///     {"type":"waiting","waiting":[...]}   {"type":"resultsReady","resultsReady":[...]}
///
/// Every connection starts with a "snapshot"; the page replaces its state with it (also after reconnecting).
public enum HallMessage {
    private struct Envelope: Encodable {
        var type: String
        var snapshot: HallSnapshot?
        var call: HallCall?
        var counter: Int?
        var waiting: [HallServiceWaiting]?
        var resultsReady: [HallResultReady]?
    }

    public static func json(_ update: HallUpdate) -> String {
        var e = Envelope(type: "")
        switch update {
        case .snapshot(let s):
            e.type = "snapshot"
            e.snapshot = s
        case .called(let c):
            e.type = "called"
            e.call = c
        case .recalled(let c):
            e.type = "recalled"
            e.call = c
        case .counterCleared(let n):
            e.type = "counterCleared"
            e.counter = n
        case .waiting(let w):
            e.type = "waiting"
            e.waiting = w
        case .resultsReady(let r):
            e.type = "resultsReady"
            e.resultsReady = r
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(e) else { return #"{"type":"error"}"# }
        return String(decoding: data, as: UTF8.self)
    }
}
