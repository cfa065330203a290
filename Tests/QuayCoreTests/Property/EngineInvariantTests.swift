import QuayCore
import Testing

/// Seeded random operation sequences against the engine, checking the invariants after every step.
@Suite struct EngineInvariantTests {
    static let center = CenterSetup(
        site: Fx.site,
        name: LocalizedText(vi: "UBND xã An Phú"),
        services: [
            Fx.service("hotich", prefix: "A"),
            Fx.service("datdai", prefix: "B", capacity: 40),
            Fx.service("chungthuc", prefix: "C", rangeStart: 100, rangeEnd: 130, hours: OpeningHours.parse("07:00-11:30,13:00-17:00")),
            Fx.service("tratkq", prefix: "D", digits: 2),
        ],
        counters: [
            Counter(id: "c1", number: "1", services: ["hotich", "datdai"]),
            Counter(id: "c2", number: "2", services: ["datdai", "hotich"], languages: [.vi, .km]),
            Counter(id: "c3", number: "3", services: ["chungthuc", "tratkq"]),
            Counter(id: "c4", number: "4", services: ["tratkq", "hotich", "chungthuc"], languages: [.vi, .en]),
        ],
        policy: CallPolicyConfig(regularPerPriority: 2, languageFallbackSeconds: 300, agingSeconds: 900, maxRecalls: 2))

    struct Model {
        var issuer: [String: String] = [:]  // ticket id → service that issued it
        var latest: [String: Ticket] = [:]  // every ticket ever, latest state
        var numbers: Set<String> = []  // "day/number"
        var keys: Set<String> = []  // "day/issuing service/seq"
        var lastSeqPerDayService: [String: Int] = [:]  // "day/service" → last seq
        var lastEventSeq: Int64 = 0
        var lastTicketN: Int64 = 0
        var operations: [String: Int] = [:]
        var failures: [String: Int] = [:]
    }

    @Test(arguments: [1, 42, 2026, 99_991] as [UInt64])
    func randomOperationsKeepInvariants(seed: UInt64) throws {
        var rng = SplitMix64(seed: seed)
        let clock = BusinessClock()
        var now = Fx.t8 - 1800
        var e = QueueEngine(center: Self.center, businessDay: clock.read(now).businessDay)
        var model = Model()
        let counters = Self.center.counters.map(\.id)
        let services = Self.center.services.map(\.id)
        let priorities: [String?] = [nil, nil, nil, "elderly", "disability", "pregnant-child", "merit", "unknown-class"]
        let languages: [Language] = [.vi, .vi, .vi, .vi, .km, .km, .en]

        for step in 0..<2500 {
            now += Double(rng.next(upTo: 45))
            if rng.next(upTo: 400) == 0 { now += Double(rng.next(upTo: 6 * 3600)) }
            let reading = clock.read(now)
            if reading.businessDay != e.businessDay {
                let m = e.roll(to: reading.businessDay, now: now)
                try Self.absorb(m, into: &model, engine: e, op: "roll", step: step)
                #expect(e.tickets.isEmpty)
                #expect(m.tickets.allSatisfy { $0.state == .expired })
            }
            let r = Int(rng.next(upTo: 100))
            let c = counters[Int(rng.next(upTo: UInt64(counters.count)))]
            // A random active ticket (sorted ids keep the run reproducible), and sometimes its number as the key.
            var anyTicket: String?
            var key: String?
            if r >= 52 && r < 89 && rng.next(upTo: 3) != 0 {
                let active = e.tickets.values.filter { $0.isActive }.map { $0.id }.sorted()
                anyTicket = active.isEmpty ? nil : active[Int(rng.next(upTo: UInt64(active.count)))]
                key = r < 80 ? anyTicket.flatMap { e.tickets[$0]?.number } : nil
            }
            let before = Snapshot(e)
            let op: String
            var result: Result<Mutation, QueueError>
            switch r {
            case 0..<30:
                op = "issue"
                let s = rng.next(upTo: 50) == 0 ? "nope" : services[Int(rng.next(upTo: UInt64(services.count)))]
                let p = priorities[Int(rng.next(upTo: UInt64(priorities.count)))]
                let l = languages[Int(rng.next(upTo: UInt64(languages.count)))]
                result = run { try e.issue(service: s, priority: p, language: l, now: now, minuteOfDay: reading.minuteOfDay).1 }
                if case .success(let m) = result {
                    let t = m.tickets[0]
                    #expect(t.service == s && t.state == .waiting)
                    model.issuer[t.id] = s
                }
            case 30..<52:
                op = "call-next"
                result = run { try e.callNext(counter: c, now: now).1 }
            case 52..<58:
                op = "recall"
                result = run { try e.recall(counter: c, ticket: key, now: now).1 }
            case 58..<66:
                op = "start-serving"
                result = run { try e.startServing(counter: c, ticket: key, now: now).1 }
            case 66..<76:
                op = "done"
                result = run { try e.done(counter: c, ticket: key, now: now).1 }
            case 76..<80:
                op = "no-show"
                result = run { try e.noShow(counter: c, ticket: key, now: now).1 }
            case 80..<86:
                op = "transfer"
                let toS: String? = rng.next(upTo: 3) == 0 ? nil : services[Int(rng.next(upTo: UInt64(services.count)))]
                let toC: String? = (toS == nil || rng.next(upTo: 3) == 0) ? counters[Int(rng.next(upTo: UInt64(counters.count)))] : nil
                let by: String? = rng.next(upTo: 2) == 0 ? nil : c
                result = run { try e.transfer(ticket: anyTicket ?? "none", toService: toS, toCounter: toC, by: by, now: now).1 }
            case 86..<89:
                op = "return"
                result = run { try e.returnToQueue(counter: c, ticket: key, now: now).1 }
            case 89..<97:
                op = "counter"
                let states: [CounterState] = [.open, .open, .open, .closed, .paused]
                result = run { try e.setCounter(c, state: states[Int(rng.next(upTo: 5))], now: now).1 }
            default:
                op = "restart"
                e = QueueEngine(
                    center: e.center, businessDay: e.businessDay, tickets: Array(model.latest.values),
                    nextTicketSeq: e.nextTicketSeq, nextEventSeq: e.nextEventSeq,
                    counterStates: Dictionary(uniqueKeysWithValues: e.center.counters.map { ($0.id, $0.state) }))
                // Everything but the interleave position survives a restart exactly. (The position is rebuilt
                // from tickets, so a call whose ticket was later returned or transferred is not seen.)
                var after = Snapshot(e)
                after.interleave = before.interleave
                let same = after == before
                #expect(same, "restart changed the engine at step \(step): \(after.diff(before))")
                result = .success(Mutation())
            }
            model.operations[op, default: 0] += 1
            switch result {
            case .success(let m):
                try Self.absorb(m, into: &model, engine: e, op: op, step: step)
            case .failure(let err):
                model.failures["\(op) \(err.code)", default: 0] += 1
                let same = Snapshot(e) == before
                #expect(same, "failed \(op) (\(err)) changed the engine at step \(step): \(Snapshot(e).diff(before))")
            }
            Self.checkEngine(e, model: model, step: step, full: step % 20 == 0)
        }
        // The run must have exercised the interesting paths, not just failed.
        for op in ["issue", "call-next", "recall", "start-serving", "done", "no-show", "transfer", "return", "counter"] {
            let ok = (model.operations[op] ?? 0) - model.failures.filter { $0.key.hasPrefix(op + " ") }.values.reduce(0, +)
            #expect(ok > 5, "only \(ok) successful \(op) operations (seed \(seed))")
        }
        #expect(Set(model.latest.values.map(\.businessDay)).count >= 2, "the run never crossed a day")
        #expect(model.failures.keys.contains("issue capacity-reached"))
    }

    /// Applies one mutation to the model and checks the per-mutation invariants.
    static func absorb(_ m: Mutation, into model: inout Model, engine e: QueueEngine, op: String, step: Int) throws {
        for ev in m.events {
            #expect(ev.seq == model.lastEventSeq + 1, "\(op) event seq \(ev.seq) after \(model.lastEventSeq) at step \(step)")
            #expect(ev.id == "xa-an-phu-E\(ev.seq)")
            model.lastEventSeq = ev.seq
            if let tid = ev.ticket { #expect(m.tickets.contains { $0.id == tid }, "event for a ticket not in the mutation") }
        }
        #expect(e.nextEventSeq == model.lastEventSeq + 1)
        for t in m.tickets {
            if model.latest[t.id] == nil {
                // A new ticket: sequential id, fresh number, consecutive seq within its service and day.
                #expect(op == "issue")
                model.lastTicketN += 1
                #expect(t.id == "xa-an-phu-T\(model.lastTicketN)", "step \(step)")
                let svc = try #require(Self.center.service(t.service))
                let dayService = "\(t.businessDay)/\(t.service)"
                let expectedSeq = (model.lastSeqPerDayService[dayService] ?? svc.rangeStart - 1) + 1
                #expect(t.seq == expectedSeq, "\(t.number) at step \(step)")
                #expect(t.number == svc.displayNumber(t.seq))
                #expect(t.seq >= svc.rangeStart && t.seq <= svc.rangeEnd)
                #expect(t.seq - svc.rangeStart < svc.dailyLimit)
                model.lastSeqPerDayService[dayService] = t.seq
                #expect(model.numbers.insert("\(t.businessDay)/\(t.number)").inserted, "duplicate number \(t.number) at step \(step)")
                #expect(model.keys.insert("\(t.businessDay)/\(t.service)/\(t.seq)").inserted, "duplicate key at step \(step)")
            } else {
                let old = model.latest[t.id]!
                // Identity never changes; a finished ticket never comes back.
                #expect(t.number == old.number && t.seq == old.seq && t.businessDay == old.businessDay && t.issuedAt == old.issuedAt)
                #expect(t.queuedSince == old.queuedSince)
                #expect(old.isActive, "\(op) changed finished ticket \(t.number) (\(old.state)) at step \(step)")
            }
            model.latest[t.id] = t
            if t.businessDay == e.businessDay && op != "roll" { #expect(e.tickets[t.id] == t) }
        }
    }

    static func checkEngine(_ e: QueueEngine, model: Model, step: Int, full: Bool) {
        // Plain checks collected into one expectation: thousands of #expect per step would dominate the run time.
        var problems: [String] = []
        var busy: [String: Int] = [:]
        for t in e.tickets.values {
            if t.businessDay != e.businessDay { problems.append("\(t.number) from \(t.businessDay) in today's engine") }
            if full && model.latest[t.id] != t { problems.append("engine and log disagree on \(t.number)") }
            switch t.state {
            case .waiting:
                if t.counter != nil || t.calledAt != nil || t.servingAt != nil {
                    problems.append("waiting \(t.number) still has call data")
                }
            case .called, .serving:
                busy[t.counter ?? "?", default: 0] += 1
                if t.calledAt == nil || t.targetCounter != nil {
                    problems.append("\(t.state) \(t.number) lacks calledAt or keeps a target")
                }
            case .done:
                if t.finishedAt == nil || t.servingAt == nil || t.counter == nil { problems.append("done \(t.number) incomplete") }
            case .noShow:
                if t.finishedAt == nil || t.counter == nil { problems.append("no-show \(t.number) incomplete") }
            case .expired:
                problems.append("expired \(t.number) still in today's engine")
            }
            if let target = t.targetCounter, Self.center.counter(target)?.preferenceRank(of: t.service) == nil {
                problems.append("\(t.number) targeted at \(target) which does not serve \(t.service)")
            }
        }
        if !busy.values.allSatisfy({ $0 == 1 }) || busy["?"] != nil { problems.append("counters holding several citizens: \(busy)") }
        if full {
            // Per issuing service: today's numbers are consecutive from rangeStart.
            for s in Self.center.services {
                let seqs = e.tickets.values.filter { model.issuer[$0.id] == s.id }.map(\.seq).sorted()
                if seqs != Array(s.rangeStart..<(s.rangeStart + seqs.count)) { problems.append("\(s.id) numbering \(seqs)") }
                if e.issuedCount(service: s.id) != seqs.count {
                    problems.append("\(s.id) issuedCount \(e.issuedCount(service: s.id)) ≠ \(seqs.count)")
                }
                let waiting = e.tickets.values.filter { $0.state == .waiting && $0.service == s.id }.count
                if e.waitingCount(service: s.id) != waiting {
                    problems.append("\(s.id) waitingCount \(e.waitingCount(service: s.id)) ≠ \(waiting)")
                }
                if (e.lastSeq[s.id] ?? s.rangeStart - 1) != s.rangeStart - 1 + seqs.count {
                    problems.append("\(s.id) lastSeq \(e.lastSeq[s.id] ?? -1)")
                }
            }
        }
        if !problems.isEmpty { Issue.record("step \(step): \(problems.joined(separator: "; "))") }
    }
}

/// The observable state of an engine, to check that failed operations change nothing.
struct Snapshot: Equatable {
    var center: CenterSetup, day: String, tickets: [String: Ticket], lastSeq: [String: Int], interleave: [String: Int]
    var nextTicket: Int64, nextEvent: Int64
    init(_ e: QueueEngine) {
        center = e.center
        day = e.businessDay
        tickets = e.tickets
        lastSeq = e.lastSeq
        interleave = e.interleave
        nextTicket = e.nextTicketSeq
        nextEvent = e.nextEventSeq
    }
    func diff(_ o: Snapshot) -> String {
        var d: [String] = []
        if center != o.center { d.append("center") }
        if day != o.day { d.append("day \(o.day) → \(day)") }
        for id in Set(tickets.keys).union(o.tickets.keys) where tickets[id] != o.tickets[id] { d.append("ticket \(id)") }
        if lastSeq != o.lastSeq { d.append("lastSeq \(o.lastSeq) → \(lastSeq)") }
        if interleave != o.interleave { d.append("interleave \(o.interleave) → \(interleave)") }
        if nextTicket != o.nextTicket { d.append("nextTicket \(o.nextTicket) → \(nextTicket)") }
        if nextEvent != o.nextEvent { d.append("nextEvent \(o.nextEvent) → \(nextEvent)") }
        return d.joined(separator: "; ")
    }
}

func run(_ body: () throws -> Mutation) -> Result<Mutation, QueueError> {
    do { return .success(try body()) } catch let e as QueueError { return .failure(e) } catch {
        Issue.record("unexpected error \(error)")
        return .failure(.invalidArgument("\(error)"))
    }
}

/// Small deterministic PRNG (SplitMix64) so each seed replays exactly.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func next(upTo n: UInt64) -> UInt64 { next() % n }
}
