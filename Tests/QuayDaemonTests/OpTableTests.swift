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

    /// The same with typed requests (the in-process path keypads, scanners, the demo and web pages take): a
    /// complete, valid request of each op is still refused for a role below its minimum, and for a clerk of q2
    /// when it names q1.
    @Test func typedInProcessCallsPassTheSameChecks() async throws {
        let dir = TempDir("quay-optable")
        let (c, ledger) = try Self.context(dir)
        defer { ledger.close() }
        let table = OpTable.standard(c)
        func typed(_ spec: OpSpec) throws -> any OpRequest {
            var r = Request(op: spec.name)
            (r.counter, r.ticket, r.toCounter, r.state, r.service, r.role) = ("q1", "A001", "q2", "paused", "hotich", "printer")
            var a = RequestArgs()
            (a.receiptCode, a.procedure, a.appointmentDate, a.citizenName) = ("H1", "p", "2030-01-01", "An")
            (a.dossier, a.status, a.csv, a.code, a.from, a.to) = ("H1", "processing", "a,b\n", "H1", "2026-01-01", "2026-01-31")
            (a.token, a.name, a.password, a.score) = ("AAAAAAAAAAAAAAAAAAAAAA", "lan", "123456", 4)
            a.text = "thử loa"
            (a.items, a.batch) = ([PostalHandover(dossier: "H1", tracking: "EA123456789VN")], "test-site-P1")
            r.args = a
            return try spec.request.init(wire: r)
        }
        func run<Q: OpRequest>(_ spec: OpSpec, _ q: Q, _ caller: Caller) async -> Result<OpOutput, ControlError> {
            await table.dispatch(spec, q, as: caller)
        }
        for role in [Role.none, .kiosk, .clerk, .technician] {
            let caller = Caller(identity: .init(role: role, counters: nil), source: .demo)
            for spec in OpCatalog.all where spec.minimumRole > role {
                guard case .failure(let e) = await run(spec, try typed(spec), caller) else {
                    Issue.record("\(role) ran \(spec.name) in-process")
                    continue
                }
                #expect(e.code == "forbidden", "\(spec.name) as \(role): \(e)")
            }
        }
        let clerkOfQ2 = Caller(identity: .init(role: .clerk, counters: ["q2"]), source: .demo)
        for spec in OpCatalog.all where spec.scope != .none && spec.scope != .dossier && spec.minimumRole <= .clerk {
            guard case .failure(let e) = await run(spec, try typed(spec), clerkOfQ2) else {
                Issue.record("a clerk of q2 ran \(spec.name) for q1 in-process")
                continue
            }
            #expect(e.code == "forbidden", "\(spec.name): \(e)")
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
        // Its own counter works, typed request in, typed reply out.
        let own = try await table.call(OpCatalog.callNext, CounterRequest(counter: "q2"), as: keypad, expecting: TicketBody.self).get()
        #expect(own.ticket.number == "A002")
        let tr = TransferRequest(ticket: "A002", toService: "datdai", counter: "q2", reason: "needs the land office")
        _ = try await table.call(OpCatalog.transfer, tr, as: keypad, expecting: TicketBody.self).get()
        // In-process calls get the socket's checks: q1 through a typed request is refused the same way.
        let other = await table.call(OpCatalog.callNext, CounterRequest(counter: "q1"), as: keypad, expecting: TicketBody.self)
        #expect(throws: ControlError.self) { try other.get() }
        // A request of another op's type is refused, never run.
        let wrong = await table.call(OpCatalog.done, CounterRequest(counter: "q2"), as: keypad, expecting: TicketBody.self)
        #expect((try? wrong.get()) == nil)
        var q = AuditQuery()
        q.ticket = "A002"
        let rows = try await ledger.history(q).entries.filter { $0.op == "transfer" }
        #expect(rows.count == 1)
        #expect(rows.first?.subject.detail == "service=datdai reason=needs the land office", "\(rows)")
        #expect(rows.first?.actor.role == "clerk")
    }
}
