import Testing

@testable import QuayWeb

/// The global sign-in bound: `perMinute` attempts in any 60 s across all names, the rest refused with how long to
/// wait, one refusal per full window reported for the audit trail.
@Suite struct SignInThrottleTests {
    @Test func boundsAttemptsPerMinuteAndSaysHowLongToWait() {
        let t = SignInThrottle(perMinute: 3)
        #expect(t.attempt(now: 100) == .admit)
        #expect(t.attempt(now: 110) == .admit)
        #expect(t.attempt(now: 120) == .admit)
        // The window is full until the attempt of t=100 is 60 s old.
        #expect(t.attempt(now: 130) == .busy(retryAfter: 30, firstInWindow: true))
        #expect(t.attempt(now: 159.5) == .busy(retryAfter: 1, firstInWindow: false))
        // t=100 left the window: one more is admitted, then the window is full again (a new one to report).
        #expect(t.attempt(now: 160) == .admit)
        #expect(t.attempt(now: 161) == .busy(retryAfter: 9, firstInWindow: true))
        // A quiet minute empties it.
        for i in 0..<3 { #expect(t.attempt(now: 300 + Double(i)) == .admit) }
    }

    @Test func aRefusedAttemptDoesNotCountAndTheBoundIsAtLeastOne() {
        let t = SignInThrottle(perMinute: 0)
        #expect(t.perMinute == 1)
        #expect(t.attempt(now: 0) == .admit)
        for s in 1..<50 { #expect(t.attempt(now: Double(s)) != .admit) }
        // Refusals were not remembered as attempts: the window ends 60 s after the one admitted attempt.
        #expect(t.attempt(now: 60) == .admit)
    }
}
