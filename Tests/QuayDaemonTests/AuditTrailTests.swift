import Foundation
import Logging
import QuayControl
import QuayCore
@testable import QuayDaemon
import QuayDevices
@testable import QuayStore
import Testing

/// The audit trail: every state-changing op leaves a row with who did it, in the transaction of the change;
/// `history` reads it back with filters and scope; old rows are pruned in batches.
@Suite struct AuditTrailTests {
    static let config = TestConfig.with(
        """
        [dossiers]
        return_service = "datdai"

        [[printer]]
        role = "p1"
        match = "/dev/usb/lp-quay-audit-missing"
        """)

    /// Queue and dossier ops run on a table without printers (a missing printer would refuse every issue);
    /// printer and device ops on one with the (absent) printer p1. Both over one ledger: close it when done.
    static func tables(_ dir: TempDir) throws -> (queue: OpTable, devices: OpTable, ledger: Ledger) {
        let cfg = try ConfigLoader.parse(config)
        let ledger = try Ledger(path: dir.file("quay.sqlite"), center: cfg.center)
        let state = DaemonState(
            config: cfg, ledger: ledger, storeError: nil, catalog: .builtIn, registry: DeviceRegistry(),
            logger: Logger(label: "test"))
        let queue = OpTable.standard(OpContext(state: state, printers: nil, devices: nil, reload: {}))
        let printers = Printers(config: cfg.devices.printers, profiles: cfg.devices, state: state)
        let devices = OpTable.standard(OpContext(state: state, printers: printers, devices: nil, reload: {}))
        return (queue, devices, ledger)
    }

    static func rows(_ ledger: Ledger, _ q: AuditQuery = AuditQuery()) async throws -> [AuditEntry] {
        var q = q
        if q.limit == 100 { q.limit = 1000 }
        let query = q
        return try await ledger.reader.read { db in try AuditRepository(db: db).list(query).entries }
    }

    static func request(_ op: String, counter: String? = nil, ticket: String? = nil, _ edit: (inout Request) -> Void = { _ in }) -> Request
    {
        var r = Request(op: op)
        r.counter = counter
        r.ticket = ticket
        edit(&r)
        return r
    }

    static let technician = Caller(identity: .init(role: .admin, counters: nil), source: .socket(pid: 4242, uid: 1234, gid: 1234))

    /// Runs every `changes: true` op of the catalogue once through `dispatch` and checks it left a row naming
    /// its actor (uid, pid, role, source); a refused op leaves none.
    @Test func everyStateChangingOpLeavesAnAuditRowWithItsActor() async throws {
        let dir = TempDir("quay-audit")
        let (queue, devices, ledger) = try Self.tables(dir)
        defer { ledger.close() }
        let who = Self.technician
        func run(_ t: OpTable, _ r: Request) async throws -> OpOutput {
            switch await t.dispatch(r, as: who) {
            case .success(let o): return o
            case .failure(let e): throw TestFailure("\(r.op): \(e.code) \(e.message)")
            }
        }
        let issue = Self.request("issue") { $0.service = "hotich" }
        for _ in 0..<3 { _ = try await run(queue, issue) }  // A001 A002 A003
        _ = try await run(queue, Self.request("call-next", counter: "q1"))  // A001
        for op in ["recall", "start-serving", "done"] { _ = try await run(queue, Self.request(op, counter: "q1")) }
        _ = try await run(queue, Self.request("call-next", counter: "q1"))  // A002
        _ = try await run(queue, Self.request("no-show", counter: "q1"))
        _ = try await run(queue, Self.request("call-next", counter: "q1"))  // A003
        _ = try await run(queue, Self.request("return", counter: "q1"))
        // A transfer without `counter`: the event is anonymous, the audit row is not.
        _ = try await run(queue, Self.request("transfer", ticket: "A003") { $0.toCounter = "q2" })
        _ = try await run(queue, Self.request("counter", counter: "q2") { $0.state = "paused" })
        var create = RequestArgs()
        create.receiptCode = "HS-2026-0001"
        create.procedure = "1.001612"
        create.appointmentDate = "2030-01-15"
        create.citizenName = "Nguyễn Văn Ánh"
        create.service = "datdai"
        create.clerk = "someone else"
        _ = try await run(queue, Self.request("dossier-create", counter: "q1") { $0.args = create })
        for status in ["processing", "result-ready"] {
            var a = RequestArgs()
            a.dossier = "HS-2026-0001"
            a.status = status
            _ = try await run(queue, Self.request("dossier-update") { $0.args = a })
        }
        var ret = RequestArgs()
        ret.code = "HS-2026-0001"
        _ = try await run(queue, Self.request("issue-return") { $0.args = ret })
        var post = RequestArgs()
        post.items = [PostalHandover(dossier: "HS-2026-0001", tracking: "EA123456789VN")]
        _ = try await run(queue, Self.request("post-handover", counter: "q1") { $0.args = post })
        var imp = RequestArgs()
        imp.csv = DossierImportRows.csv
        _ = try await run(queue, Self.request("dossier-import") { $0.args = imp })
        _ = try await run(queue, Self.request("reload"))
        var score = RequestArgs()
        score.score = 4
        _ = try await run(queue, Self.request("rate", counter: "q1", ticket: "A001") { $0.args = score })
        var user = RequestArgs()
        (user.name, user.role, user.counters, user.password) = ("lan", "clerk", ["q2"], "123456")
        for op in ["user-add", "user-passwd", "user-disable"] { _ = try await run(queue, Self.request(op) { $0.args = user }) }
        // Printer p1 is absent: reprint answers with a failed print outcome, the others fail and are recorded
        // with their error code.
        _ = try await run(devices, Self.request("reprint", ticket: "A001"))
        for op in ["print-test", "device-test", "device-identify"] {
            let r = await devices.dispatch(Self.request(op) { $0.role = "p1" }, as: who)
            guard case .failure(let e) = r else {
                Issue.record("\(op) printed on an absent printer")
                continue
            }
            #expect(e.code.hasPrefix("printer-"), "\(op): \(e)")
        }

        let rows = try await Self.rows(ledger)
        for spec in OpCatalog.all where spec.changesState {
            let mine = rows.filter { $0.op == spec.name }
            #expect(!mine.isEmpty, "\(spec.name) left no audit row")
            for row in mine {
                #expect(
                    row.actor == AuditActor(source: "socket", uid: 1234, pid: 4242, role: "admin", counter: row.actor.counter),
                    "\(spec.name): \(row.actor)")
            }
        }
        #expect(!rows.contains { !(OpCatalog.spec($0.op)?.changesState ?? false) }, "rows of ops that change nothing")
        // Subjects and details.
        let transfer = try #require(rows.first { $0.op == "transfer" })
        #expect(transfer.subject.number == "A003" && transfer.subject.detail == "counter=q2", "\(transfer)")
        #expect(transfer.actor.counter == nil)
        let callNext = try #require(rows.first { $0.op == "call-next" })
        #expect(callNext.subject.number == "A001" && callNext.subject.counter == "q1" && callNext.actor.counter == "q1")
        let created = try #require(rows.first { $0.op == "dossier-create" })
        #expect(created.subject.dossier == "test-site-D1" && created.subject.detail?.contains("clerk=someone else") == true)
        #expect(rows.first { $0.op == "issue-return" }?.subject.dossier == "test-site-D1")
        #expect(rows.first { $0.op == "dossier-import" }?.subject.detail?.contains("imported") == true)
        #expect(
            rows.filter { $0.op == "dossier-update" }.map(\.subject.detail) == ["received -> processing", "processing -> result-ready"])
        for op in ["print-test", "device-test", "device-identify"] {
            let row = rows.first { $0.op == op }
            #expect(row?.outcome.hasPrefix("printer-") == true && row?.subject.device == "p1", "\(op): \(String(describing: row))")
        }
        #expect(rows.first { $0.op == "reprint" }?.subject.number == "A001")
        #expect(rows.allSatisfy { $0.outcome == "ok" || ["print-test", "device-test", "device-identify"].contains($0.op) })

        // Refused ops change nothing and leave nothing: an unknown counter, a transition from the wrong state,
        // a request without its field, an unknown device.
        let before = rows.count
        for r in [
            Self.request("call-next", counter: "q9"), Self.request("done", counter: "q2"), Self.request("issue"),
            Self.request("device-test") { $0.role = "nope" },
        ] {
            guard case .failure = await devices.dispatch(r, as: who) else {
                Issue.record("\(r.op) was not refused")
                continue
            }
        }
        #expect(try await Self.rows(ledger).count == before)
    }

    /// The audit row is written by the ledger's writer in the op's transaction: a failed transaction leaves
    /// neither the change nor the row, and a write outside any op (a service) leaves no row.
    @Test func theRowCommitsWithTheChangeOnly() async throws {
        let dir = TempDir("quay-audit")
        let (queue, _, ledger) = try Self.tables(dir)
        defer { ledger.close() }
        // A write outside dispatch: no row.
        _ = try await ledger.write { engine, now throws(QueueError) in
            try engine.issue(service: "hotich", priority: nil, language: .vi, now: now, minuteOfDay: 600)
        }
        #expect(try await Self.rows(ledger).isEmpty)
        // Inside an op whose transaction rolls back (a constraint error in its savepoint): no row.
        var create = RequestArgs()
        create.receiptCode = "HS-2026-0002"
        create.procedure = "p"
        create.appointmentDate = "2030-01-15"
        create.citizenName = "Trần Văn Bình"
        _ = try await queue.dispatch(Self.request("dossier-create") { $0.args = create }, as: Self.technician).get()
        guard case .failure(let e) = await queue.dispatch(Self.request("dossier-create") { $0.args = create }, as: Self.technician) else {
            Issue.record("duplicate receipt code accepted")
            return
        }
        #expect(e.code == "duplicate-receipt-code")
        #expect(try await Self.rows(ledger).map(\.op) == ["dossier-create"])
    }

    /// Each source of caller becomes its own actor; keypads and scanners name their role.
    @Test func keypadScannerAndDemoActorsAreNamed() async throws {
        let dir = TempDir("quay-audit")
        let (queue, _, ledger) = try Self.tables(dir)
        defer { ledger.close() }
        let issue = Self.request("issue") { $0.service = "hotich" }
        _ = try await queue.dispatch(issue, as: .scanner("scanner-kiosk1")).get()
        _ = try await queue.dispatch(issue, as: .demo).get()
        _ = try await queue.dispatch(Self.request("call-next", counter: "q2"), as: .keypad("keypad-q2", counter: "q2")).get()
        // A keypad's counter is known even when the request does not name one (transfer by ticket).
        _ = try await queue.dispatch(
            Self.request("transfer", counter: "q2", ticket: "A001") { $0.toService = "datdai" },
            as: .keypad("keypad-q2", counter: "q2")
        ).get()
        let rows = try await Self.rows(ledger)
        #expect(
            rows.map(\.actor) == [
                AuditActor(source: "scanner", sourceRef: "scanner-kiosk1", role: "kiosk"),
                AuditActor(source: "demo", role: "admin"),
                AuditActor(source: "keypad", sourceRef: "keypad-q2", role: "clerk", counter: "q2"),
                AuditActor(source: "keypad", sourceRef: "keypad-q2", role: "clerk", counter: "q2"),
            ])
        #expect(rows.last?.subject.detail == "service=datdai")
    }

    @Test func historyFiltersAndScope() async throws {
        let dir = TempDir("quay-audit")
        let (queue, _, ledger) = try Self.tables(dir)
        defer { ledger.close() }
        let admin = Self.technician
        let issue = Self.request("issue") { $0.service = "hotich" }
        for _ in 0..<3 { _ = try await queue.dispatch(issue, as: admin).get() }
        _ = try await queue.dispatch(Self.request("call-next", counter: "q1"), as: admin).get()  // A001 at q1
        _ = try await queue.dispatch(Self.request("call-next", counter: "q2"), as: .keypad("keypad-q2", counter: "q2")).get()  // A002
        _ = try await queue.dispatch(Self.request("done", counter: "q2"), as: .keypad("keypad-q2", counter: "q2")).get()
        var create = RequestArgs()
        create.receiptCode = "HS-2026-0003"
        create.procedure = "p"
        create.appointmentDate = "2030-01-15"
        create.citizenName = "Lê Thị Cúc"
        _ = try await queue.dispatch(Self.request("dossier-create", counter: "q1") { $0.args = create }, as: admin).get()

        func history(_ a: RequestArgs, as caller: Caller = Self.technician) async -> Result<HistoryBody, ControlError> {
            await queue.dispatch(Self.request("history") { $0.args = a }, as: caller).flatMap { out in
                out.body(as: HistoryBody.self).map { .success($0) }
                    ?? .failure(ControlError(code: "internal", message: "not a history body"))
            }
        }
        func args(_ edit: (inout RequestArgs) -> Void) -> RequestArgs {
            var a = RequestArgs()
            edit(&a)
            return a
        }
        let all = try await history(RequestArgs()).get()
        #expect(all.entries.map(\.op) == ["issue", "issue", "issue", "call-next", "call-next", "done", "dossier-create"])
        #expect(!all.more && all.counters == nil)
        #expect(all.entries.map(\.seq) == all.entries.map(\.seq).sorted())
        // Ticket by today's number or by id.
        let a2 = try await history(args { $0.ticket = "A002" }).get()
        #expect(a2.entries.map(\.op) == ["issue", "call-next", "done"])
        let id = try #require(a2.entries.first?.ticket)
        #expect(try await history(args { $0.ticket = id }).get().entries == a2.entries)
        // Counter: rows about it or done for it.
        #expect(try await history(args { $0.counter = "q2" }).get().entries.map(\.op) == ["call-next", "done"])
        // Dossier by receipt code as typed (lower case) or id.
        #expect(try await history(args { $0.dossier = "hs-2026-0003" }).get().entries.map(\.op) == ["dossier-create"])
        #expect(try await history(args { $0.dossier = "test-site-D1" }).get().entries.map(\.op) == ["dossier-create"])
        // Limit: the newest rows, and `more`.
        let two = try await history(args { $0.limit = 2 }).get()
        #expect(two.entries.map(\.op) == ["done", "dossier-create"] && two.more)
        // Since: epoch seconds, dates, ISO times.
        let future = String(Int(ledger.now()) + 3600)
        #expect(try await history(args { $0.since = future }).get().entries.isEmpty)
        #expect(try await history(args { $0.since = "2000-01-01" }).get().entries.count == 7)
        #expect(try await history(args { $0.since = "2999-01-01T00:00:00Z" }).get().entries.isEmpty)
        for bad in [args { $0.limit = 0 }, args { $0.limit = 1001 }] {
            #expect((try? await history(bad).get()) == nil)
            if case .failure(let e) = await history(bad) { #expect(e.code == "bad-request") }
        }
        if case .failure(let e) = await history(args { $0.since = "yesterday" }) {
            #expect(e.code == "invalid-field")
        } else {
            Issue.record("since=yesterday accepted")
        }
        // A clerk of q2 sees the rows of q2 only, and may not ask for q1; a clerk without counters is refused.
        let clerk = Caller(identity: .init(role: .clerk, counters: ["q2"]), source: .socket(pid: 1, uid: 65534, gid: 65534))
        let scoped = try await history(RequestArgs(), as: clerk).get()
        #expect(scoped.entries.map(\.op) == ["call-next", "done"] && scoped.counters == ["q2"])
        for (a, c) in [
            (args { $0.counter = "q1" }, clerk),
            (RequestArgs(), Caller(identity: .init(role: .clerk, counters: nil), source: .demo)),
        ] {
            if case .failure(let e) = await history(a, as: c) { #expect(e.code == "forbidden") } else { Issue.record("history not scoped") }
        }
        // A kiosk (a scanner's role) is refused by the catalogue.
        if case .failure(let e) = await history(RequestArgs(), as: .scanner("scanner-1")) {
            #expect(e.code == "forbidden")
        } else {
            Issue.record("a kiosk read the history")
        }
        // `history` itself changes nothing and is not recorded.
        #expect(try await Self.rows(ledger).count == 7)
    }

    /// Rows older than the retention are deleted in batches (each its own ledger job); newer rows stay.
    @Test func retentionPrunesOldRowsInBatches() async throws {
        let dir = TempDir("quay-audit")
        let cfg = try ConfigLoader.parse(TestConfig.basic)
        let ledger = try Ledger(path: dir.file("quay.sqlite"), center: cfg.center)
        defer { ledger.close() }
        let now = ledger.now()
        let actor = AuditActor(source: "demo", role: "admin")
        try await ledger.transaction { db, _, _ in
            for i in 0..<1_200 {
                try AuditRepository(db: db).insert(AuditEntry(at: now - 401 * 86_400 + Double(i), op: "done", actor: actor))
            }
            return ((), Mutation())
        }
        for _ in 0..<3 { try await ledger.record(AuditEntry(at: now - 399 * 86_400, op: "done", actor: actor)) }
        let before = ledger.stats.transactions
        let pruned = await AuditRetentionService.prune(ledger, days: 400, batch: 500)
        #expect(pruned == 1_200)
        #expect(ledger.stats.transactions - before >= 3, "one transaction per batch of 500")
        let left = try await ledger.reader.read { db in try AuditRepository(db: db).count() }
        #expect(left == 3)
        #expect(await AuditRetentionService.prune(ledger, days: 400) == 0)
    }

    @Test func retentionSettingIsReadAndChecked() throws {
        #expect(try ConfigLoader.parse(TestConfig.basic).auditRetentionDays == 400)
        #expect(try ConfigLoader.parse(TestConfig.with("[store]\naudit_retention_days = 30")).auditRetentionDays == 30)
        #expect(throws: (any Error).self) { try ConfigLoader.parse(TestConfig.with("[store]\naudit_retention_days = 0")) }
        #expect(throws: (any Error).self) { try ConfigLoader.parse(TestConfig.with("[store]\naudit_retention = 30")) }
    }

    /// Through the real socket: a clerk (another uid, granted q2) calls the next citizen; the row names that
    /// uid, the clerk role and counter q2. The clerk's own history shows q2 only; a kiosk may not read it.
    @Test(.enabled(if: getuid() == 0, "needs root to act as another user"))
    func aClerksCallNextOnTheSocketIsRecordedWithUidRoleAndCounter() throws {
        let dir = TempDir("quay-audit-socket")
        chmod(dir.path, 0o755)
        let cfg = TestConfig.basic.replacingOccurrences(
            of: "default_role = \"admin\"",
            with: """
                default_role = "none"

                [[access.grant]]
                uid = 65534
                role = "clerk"
                counters = ["q2"]

                [[access.grant]]
                uid = 65533
                role = "kiosk"
                """
        ).replacingOccurrences(of: "[access]", with: "[paths]\nsocket_mode = \"0666\"\n\n[access]")
        let d = try DaemonProcess(config: cfg, dir: dir)
        try d.start()
        let root = try d.client()
        _ = try root.issue()  // A001
        _ = try root.issue()  // A002
        #expect(try root.call("call-next", ["counter": .string("q1")])["ticket"]?["number"] == .string("A001"))
        let clerk = try PeerScript.run(
            """
            print(call('{"id":1,"op":"call-next","counter":"q2"}'))
            print(call('{"id":2,"op":"history"}'))
            """, socket: d.socket)
        #expect(clerk.count == 2 && clerk[0].contains("\"ok\":true") && clerk[0].contains("A002"), "\(clerk)")
        let reply = try root.call("history", ["args": .object(["ticket": .string("A002")])])
        let body = try JSONDecoder().decode(HistoryBody.self, from: JSONEncoder().encode(reply))
        let row = try #require(body.entries.first { $0.op == "call-next" }, "\(reply)")
        #expect(row.uid == 65534 && row.role == "clerk" && row.actorCounter == "q2" && row.counter == "q2" && row.source == "socket")
        #expect((row.pid ?? 0) > 0)
        let issued = try #require(body.entries.first { $0.op == "issue" })
        #expect(issued.uid == 0 && issued.role == "admin")
        // The clerk's own history: only q2 (the call-next just made), not root's call at q1.
        let own = try JSONDecoder().decode(HistoryBody.self, from: Data(try #require(clerk.last).utf8))
        #expect(own.entries.map(\.op) == ["call-next"] && own.counters == ["q2"], "\(clerk)")
        let kiosk = try PeerScript.run("print(call('{\"id\":1,\"op\":\"history\"}'))", socket: d.socket, uid: 65533, gid: 65533)
        #expect(kiosk.first?.contains("forbidden") == true, "\(kiosk)")
    }
}

/// A small dossier export in the default column mapping (as in DossierImportTests).
enum DossierImportRows {
    static let csv =
        DossierImportTests.header
        + [
            "1,H56-0101,1.001612,Đăng ký khai sinh,02/11/2026 08:15,05/11/2026,,Đang xử lý,Nguyễn Văn An,0912345678,Trực tiếp,",
            "2,H56-0102,1.000656,Đăng ký kết hôn,02/11/2026,05/11/2026,,Đang xử lý,Lê Văn Cường,,Trực tiếp,",
        ].joined(separator: "\r\n") + "\r\n"
}
