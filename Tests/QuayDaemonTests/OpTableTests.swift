import Foundation
import Logging
import QuayControl
import QuayCore
@testable import QuayDaemon
import QuayDevices
import QuayStore
import Testing

/// The op table: every catalogue op is bound exactly once, and every caller (socket peer or in-process: keypad,
/// scanner, demo) passes the same role and counter checks.
@Suite struct OpTableTests {
    /// A daemon state over a real ledger in a temporary directory, without devices. Close the ledger when done
    /// (its writer thread must stop before it is released).
    static func context(_ dir: TempDir) throws -> (OpContext, Ledger) {
        let cfg = try ConfigLoader.parse(TestConfig.basic)
        let ledger = try Ledger(path: dir.file("quay.sqlite"), center: cfg.center)
        let state = DaemonState(
            config: cfg, ledger: ledger, storeError: nil, catalog: .builtIn, registry: DeviceRegistry(),
            logger: Logger(label: "test"))
        return (OpContext(state: state, printers: nil, devices: nil, reload: {}), ledger)
    }

    @Test func everyCatalogOpIsBound() throws {
        let dir = TempDir("quay-optable")
        let (c, ledger) = try Self.context(dir)
        defer { ledger.close() }
        let table = OpTable.standard(c)
        #expect(table.missing.isEmpty, "ops without code: \(table.missing)")
    }

    @Test func unknownOpsAreRefusedForEveryRole() async throws {
        let dir = TempDir("quay-optable")
        let (c, ledger) = try Self.context(dir)
        defer { ledger.close() }
        let table = OpTable.standard(c)
        for role in Role.allCases {
            let caller = Caller(identity: .init(role: role, counters: nil), source: .demo)
            let r = await table.dispatch(Request(op: "teleport"), as: caller)
            guard case .failure(let e) = r else {
                Issue.record("\(role) ran an unknown op")
                continue
            }
            #expect(e.code == "unknown-op")
        }
    }

    /// Every op below the caller's role is refused before it runs, in-process as on the socket.
    @Test(arguments: [Role.none, .kiosk, .clerk, .technician])
    func rolesBelowAnOpsMinimumAreRefused(role: Role) async throws {
        let dir = TempDir("quay-optable")
        let (c, ledger) = try Self.context(dir)
        defer { ledger.close() }
        let table = OpTable.standard(c)
        let caller = Caller(identity: .init(role: role, counters: nil), source: .demo)
        for spec in OpCatalog.all where spec.minimumRole > role {
            var r = Request(op: spec.name)
            r.counter = "q1"
            guard case .failure(let e) = await table.dispatch(r, as: caller) else {
                Issue.record("\(role) ran \(spec.name)")
                continue
            }
            #expect(e.code == "forbidden", "\(spec.name) as \(role): \(e)")
        }
    }

    /// A keypad bound to q2 (a clerk of q2 in-process) cannot act on q1 through any op that names a counter,
    /// nor transfer a ticket that is not at q2.
    @Test func aKeypadOfQ2CannotActOnQ1() async throws {
        let dir = TempDir("quay-optable")
        let (c, ledger) = try Self.context(dir)
        defer { ledger.close() }
        let table = OpTable.standard(c)
        let admin = Caller.demo
        var issue = Request(op: "issue")
        issue.service = "hotich"
        for _ in 0..<2 { _ = try await table.dispatch(issue, as: admin).get() }
        var call = Request(op: "call-next")
        call.counter = "q1"
        _ = try await table.dispatch(call, as: admin).get()  // A001 at q1, A002 waits
        let keypad = Caller.keypad("keypad-q2", counter: "q2")
        for spec in OpCatalog.all where spec.scope != .none && spec.scope != .dossier && spec.minimumRole <= .clerk {
            var r = Request(op: spec.name)
            r.counter = "q1"
            r.ticket = "A001"
            r.toCounter = "q2"
            r.state = "paused"
            guard case .failure(let e) = await table.dispatch(r, as: keypad) else {
                Issue.record("keypad of q2 ran \(spec.name) for q1")
                continue
            }
            #expect(e.code == "forbidden", "\(spec.name): \(e)")
        }
        for ticket in ["A001", "A002"] {
            var t = Request(op: "transfer")
            t.counter = "q2"
            t.ticket = ticket
            t.toCounter = "q2"
            guard case .failure(let e) = await table.dispatch(t, as: keypad) else {
                Issue.record("keypad of q2 transferred \(ticket)")
                continue
            }
            #expect(e.code == "not-at-this-counter", "\(ticket): \(e)")
        }
        // A transfer from its own counter keeps the reason in the audit trail, with the keypad as the actor.
        var own0 = Request(op: "call-next")
        own0.counter = "q2"
        // Its own counter works, with a typed reply.
        #expect(try await table.call(own0, as: keypad, expecting: TicketBody.self).get().ticket.number == "A002")
        var tr = Request(op: "transfer")
        (tr.counter, tr.ticket, tr.toService) = ("q2", "A002", "datdai")
        var ra = RequestArgs()
        ra.reason = "needs the land office"
        tr.args = ra
        _ = try await table.call(tr, as: keypad, expecting: TicketBody.self).get()
        var q = AuditQuery()
        q.ticket = "A002"
        let rows = try await ledger.history(q).entries.filter { $0.op == "transfer" }
        #expect(rows.count == 1)
        #expect(rows.first?.subject.detail == "service=datdai reason=needs the land office", "\(rows)")
        #expect(rows.first?.actor.role == "clerk")
    }
}
