import QuayControl
import QuayCore

extension OpTable {
    /// quayd's ops: each `OpCatalog` entry bound to the `OpContext` method that runs it. The one list a newcomer
    /// reads to find an op's code; `OpTableTests` checks none is missing.
    static func standard(_ c: OpContext) -> OpTable {
        OpTable(state: c.state) { t in
            t.on(OpCatalog.ping) { (_: EmptyRequest, _) in c.ping() }
            t.on(OpCatalog.version) { (_: EmptyRequest, _) in c.ping() }
            t.on(OpCatalog.config) { (_: EmptyRequest, _) in await c.config() }
            t.on(OpCatalog.queue) { r, _ in try await c.queue(r) }
            t.on(OpCatalog.issue) { r, _ in try await c.issue(r) }
            t.on(OpCatalog.watch) { r, caller in try await c.watch(r, caller: caller) }
            t.on(OpCatalog.i18nStatus) { (_: EmptyRequest, _) in
                .body(I18nBody(problems: c.state.catalog.status() + c.voicePlaceholders()))
            }
            t.on(OpCatalog.issueReturn) { r, caller in try await c.issueReturn(r, caller: caller) }
            t.on(OpCatalog.resultsReady) { r, _ in try await c.resultsReady(r) }
            t.on(OpCatalog.ticketStatus) { r, _ in try await c.ticketStatus(r) }
            t.on(OpCatalog.ratingScreen) { r, _ in try await c.ratingScreen(r) }
            t.on(OpCatalog.rate) { r, _ in try await c.rate(r) }

            t.on(OpCatalog.callNext) { r, _ in try await c.callNext(r) }
            t.on(OpCatalog.recall) { (r: CounterTicketRequest, _) in
                try await c.counterAction(r) { e, c, t, n throws(QueueError) in try e.recall(counter: c, ticket: t, now: n) }
            }
            t.on(OpCatalog.startServing) { (r: CounterTicketRequest, _) in
                try await c.counterAction(r) { e, c, t, n throws(QueueError) in try e.startServing(counter: c, ticket: t, now: n) }
            }
            t.on(OpCatalog.done) { (r: CounterTicketRequest, _) in
                try await c.counterAction(r) { e, c, t, n throws(QueueError) in try e.done(counter: c, ticket: t, now: n) }
            }
            t.on(OpCatalog.noShow) { (r: CounterTicketRequest, _) in
                try await c.counterAction(r) { e, c, t, n throws(QueueError) in try e.noShow(counter: c, ticket: t, now: n) }
            }
            t.on(OpCatalog.returnToQueue) { (r: CounterTicketRequest, _) in
                try await c.counterAction(r) { e, c, t, n throws(QueueError) in try e.returnToQueue(counter: c, ticket: t, now: n) }
            }
            t.on(OpCatalog.transfer) { r, caller in try await c.transfer(r, caller: caller) }
            t.on(OpCatalog.counter) { r, _ in try await c.setCounter(r) }
            t.on(OpCatalog.counters) { (_: EmptyRequest, _) in try await c.counters() }
            t.on(OpCatalog.stats) { (_: EmptyRequest, _) in try await c.stats() }
            t.on(OpCatalog.reprint) { r, _ in try await c.reprint(r) }
            t.on(OpCatalog.dossierCreate) { r, _ in try await c.dossierCreate(r) }
            t.on(OpCatalog.dossierUpdate) { r, caller in try await c.dossierUpdate(r, caller: caller) }
            t.on(OpCatalog.dossierGet) { r, caller in try await c.dossierGet(r, caller: caller) }
            t.on(OpCatalog.postHandover) { r, caller in try await c.postHandover(r, caller: caller) }
            t.on(OpCatalog.postBatch) { r, caller in try await c.postBatch(r, caller: caller) }
            t.on(OpCatalog.dossierStats) { r, _ in try await c.dossierStats(r) }
            t.on(OpCatalog.history) { r, caller in try await c.history(r, caller: caller) }
            t.on(OpCatalog.report) { r, caller in try await c.report(r, caller: caller) }

            t.on(OpCatalog.dossierImport) { r, _ in try await c.dossierImport(r) }
            t.on(OpCatalog.dossierOutbox) { r, _ in try await c.dossierOutbox(r) }
            t.on(OpCatalog.devices) { r, _ in try await c.devicesList(r) }
            t.on(OpCatalog.deviceTest) { r, _ in try await c.deviceTest(r) }
            t.on(OpCatalog.deviceIdentify) { r, _ in try await c.deviceIdentify(r) }
            t.on(OpCatalog.printTest) { r, _ in try await c.printTest(r) }
            t.on(OpCatalog.preview) { r, _ in try await c.preview(r) }
            t.on(OpCatalog.say) { r, _ in try await c.say(r) }
            t.on(OpCatalog.syncStatus) { (_: EmptyRequest, _) in try await c.syncStatus() }
            t.on(OpCatalog.syncNow) { (_: EmptyRequest, _) in try await c.syncNow() }

            t.on(OpCatalog.userAdd) { r, _ in try await c.userAdd(r) }
            t.on(OpCatalog.userPasswd) { r, _ in try await c.userPasswd(r) }
            t.on(OpCatalog.userDisable) { r, _ in try await c.userDisable(r) }
            t.on(OpCatalog.userList) { (_: EmptyRequest, _) in try await c.userList() }

            t.on(OpCatalog.reload) { (_: EmptyRequest, _) in
                try await c.reload()
                return .body(Empty())
            }
        }
    }
}
