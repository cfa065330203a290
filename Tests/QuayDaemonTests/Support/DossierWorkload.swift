import Foundation
import QuayControl

/// Dossiers made at a site through the real ops (`dossier-create`, `dossier-update`: the same store code and so
/// the same feed rows as a clerk's), and what a site holds of them, read back through `dossier-get`.
enum DossierWorkload {
    /// The life of a dossier, one feed record per step: received, then these changes in order.
    static let life = ["processing", "result-ready", "returned"]

    struct Made {
        /// Dossier ids ("<site>-D<n>") in creation order.
        var ids: [String]
        /// Feed records the ops made: one per create and one per update.
        var records: Int
        var seconds: Double
    }

    /// Receives `count` dossiers at the site with receipt codes `<prefix>-00001…` and moves each through the first
    /// `steps` of `life`, on `clients` connections in parallel. Throws on any refusal.
    static func make(socket: String, prefix: String, count: Int, steps: Int = life.count, clients: Int = 4) throws -> Made {
        let t0 = Date()
        let ids = LockedBox<[Int: String]>([:])
        let failure = LockedBox<[String]>([])
        DispatchQueue.concurrentPerform(iterations: clients) { k in
            do {
                let c = try ControlClient(path: socket)
                for n in stride(from: k, to: count, by: clients) {
                    let r = try create(c, code: String(format: "%@-%05d", prefix, n + 1), n: n)
                    guard let id = r["dossier"]?["id"]?.string else { throw TestFailure("no id in \(r)") }
                    for status in life.prefix(steps) { try update(c, id, status) }
                    ids.update { $0[n] = id }
                }
            } catch { failure.update { $0.append("\(error)") } }
        }
        if let f = failure.value.first { throw TestFailure("making dossiers failed: \(f)") }
        return Made(
            ids: ids.value.sorted { $0.key < $1.key }.map(\.value), records: count * (1 + min(steps, life.count)),
            seconds: Date().timeIntervalSince(t0))
    }

    static func create(_ c: ControlClient, code: String, n: Int) throws -> JSONValue {
        let names = ["Nguyễn Văn Ánh", "Trần Thị Bích", "Lê Hoàng Cường", "Phạm Thị Dung", "Néang Sóc Kha"]
        let procedures = [("1.001612", "Đăng ký khai sinh"), ("1.000894", "Chứng thực bản sao"), ("2.000908", "Đăng ký kết hôn")]
        let p = procedures[n % procedures.count]
        let r = try c.call(
            "dossier-create",
            [
                "args": .object([
                    "receiptCode": .string(code), "procedure": .string(p.0), "procedureName": .string(p.1),
                    "appointmentDate": .string(appointment), "citizenName": .string(names[n % names.count]),
                    "citizenPhone": .string(String(format: "09%08d", n)), "note": .string("hồ sơ số \(n)"),
                ])
            ])
        guard r["ok"]?.bool == true else { throw TestFailure("dossier-create \(code) refused: \(r)") }
        return r
    }

    @discardableResult
    static func update(_ c: ControlClient, _ id: String, _ status: String, note: String? = nil) throws -> JSONValue {
        var args: [String: JSONValue] = ["dossier": .string(id), "status": .string(status)]
        if let note { args["note"] = .string(note) }
        let r = try c.call("dossier-update", ["args": .object(args)])
        guard r["ok"]?.bool == true else { throw TestFailure("dossier-update \(id) → \(status) refused: \(r)") }
        return r
    }

    /// What a site holds of one dossier: the row and its events, or nil when it does not know it.
    struct Held: Equatable {
        var dossier: JSONValue
        var events: JSONValue
    }

    static func held(_ c: ControlClient, _ ids: [String]) throws -> [String: Held] {
        var out: [String: Held] = [:]
        for id in ids {
            let r = try c.call("dossier-get", ["args": .object(["dossier": .string(id)])])
            guard r["ok"]?.bool == true, let d = r["dossier"] else { continue }
            out[id] = Held(dossier: d, events: r["events"] ?? .null)
        }
        return out
    }

    /// Every dossier here has this appointment date (so `total` counts them with one `dossier-stats` day).
    static let appointment = "2030-01-15"

    /// Dossiers the site holds in all (every origin), by the `dossier-stats` total of the appointment day.
    static func total(_ c: ControlClient) throws -> Int {
        let r = try c.call(
            "dossier-stats",
            ["args": .object(["from": .string(appointment), "to": .string(appointment), "today": .string(appointment)])])
        guard let n = r["total"]?["total"]?.number else { throw TestFailure("dossier-stats: \(r)") }
        return Int(n)
    }
}
