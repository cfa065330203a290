import Testing
@testable import QuayWeb

@Suite("Hall snapshot update rules")
struct HallSnapshotApplyTests {
    @Test("a call replaces the counter's previous ticket, which moves to recent")
    func called() {
        var s = HallSnapshot(nowCalling: [HallCall(ticket: "A014", counter: 3, at: 0)])
        s = s.applying(.called(HallCall(ticket: "A015", counter: 3, at: 1)))
        #expect(s.nowCalling.map(\.ticket) == ["A015"])
        #expect(s.recent.map(\.ticket) == ["A014"])
        // Recall: same ticket, no duplicate anywhere.
        s = s.applying(.recalled(HallCall(ticket: "A015", counter: 3, at: 2)))
        #expect(s.nowCalling.map(\.ticket) == ["A015"])
        #expect(s.recent.map(\.ticket) == ["A014"])
    }

    @Test("clearing a counter moves its ticket to recent; limits hold")
    func clearedAndLimits() {
        var s = HallSnapshot()
        for i in 0..<20 { s = s.applying(.called(HallCall(ticket: "A\(i)", counter: i, at: Double(i)))) }
        #expect(s.nowCalling.count == HallSnapshot.nowCallingLimit)
        #expect(s.recent.count == HallSnapshot.recentLimit)
        s = s.applying(.counterCleared(counter: 19))
        #expect(s.nowCalling.first?.ticket == "A18")
        #expect(s.recent.first?.ticket == "A19")
    }

    @Test("wire messages carry a type")
    func json() {
        let j = HallMessage.json(.called(HallCall(ticket: "A015", counter: 3, at: 5)))
        #expect(j == #"{"call":{"at":5,"counter":3,"ticket":"A015"},"type":"called"}"#)
        #expect(HallMessage.json(.counterCleared(counter: 2)) == #"{"counter":2,"type":"counterCleared"}"#)
    }

    @Test("broadcaster: updates after subscribing are delivered, the snapshot follows them")
    func broadcaster() async {
        let hall = HallBroadcaster()
        let stream = hall.updates()
        hall.publish(.called(HallCall(ticket: "A015", counter: 3, at: 1)))
        var it = stream.makeAsyncIterator()
        #expect(await it.next() == .called(HallCall(ticket: "A015", counter: 3, at: 1)))
        #expect(await hall.snapshot().nowCalling.first?.ticket == "A015")
        #expect(hall.subscriberCount == 1)
        hall.finish()
        #expect(await it.next() == nil)
    }

    @Test("the bundled page references no external assets")
    func assets() throws {
        let assets = try HallAssets()
        for (path, file) in assets.files {
            let text = String(decoding: file.body, as: UTF8.self)
            #expect(!text.contains("http://") && !text.contains("https://"), "\(path) loads something external")
        }
        let html = String(decoding: assets.files["/"]?.body ?? [], as: UTF8.self)
        #expect(html.contains("/hall.js") && html.contains("/hall.css"))
    }
}
