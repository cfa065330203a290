import Testing
@testable import QuayDevices

@Suite("Counter keypad keys")
struct KeypadDecoderTests {
    @Test("each action key acts once per press; releases, autorepeat and NumLock do nothing; other keys are reported")
    func keys() {
        let d = KeypadDecoder()
        #expect(d.feed(type: 1, code: 96, value: 1) == .action(.callNext))
        #expect(d.feed(type: 1, code: 96, value: 2) == nil)  // held: autorepeat
        #expect(d.feed(type: 1, code: 96, value: 0) == nil)
        #expect(d.feed(type: 1, code: 28, value: 1) == .action(.callNext))
        #expect(d.feed(type: 1, code: 78, value: 1) == .action(.recall))
        #expect(d.feed(type: 1, code: 55, value: 1) == .action(.startServing))
        #expect(d.feed(type: 1, code: 98, value: 1) == .action(.done))
        #expect(d.feed(type: 1, code: 74, value: 1) == .action(.noShow))
        #expect(d.feed(type: 1, code: 83, value: 1) == .action(.returnToQueue))
        #expect(d.feed(type: 1, code: 69, value: 1) == nil)
        #expect(d.feed(type: 1, code: 6, value: 1) == .digit(5))  // the number row's 5
        #expect(d.feed(type: 1, code: 80, value: 1) == .digit(2))  // KP_2
        #expect(d.feed(type: 1, code: 82, value: 1) == .action(.transfer))  // KP_0
        #expect(d.feed(type: 1, code: 30, value: 1) == .unmapped(30))
        #expect(d.feed(type: 4, code: 4, value: 458_840) == nil)  // EV_MSC scan code
        #expect(d.feed(type: 0, code: 0, value: 0) == nil)
    }

    @Test("actions are the control ops a clerk would send, and the driver decoding names them")
    func opsAndDecoding() {
        #expect(
            KeypadAction.allCases.map(\.rawValue) == ["call-next", "recall", "start-serving", "done", "no-show", "return", "transfer"])
        let decode = KeypadDecoder.decoding()
        #expect(decode(1, 98, 1)?.text == "done")
        #expect(decode(1, 30, 1)?.problem == "key 30 has no action")
        #expect(decode(1, 76, 1)?.text == "digit-5")
        #expect(KeypadDecoder.digit(fromText: "digit-5") == 5 && KeypadDecoder.digit(fromText: "done") == nil)
        #expect(decode(1, 98, 0) == nil)
    }
}
