import QuaySystem

/// Timing of one RS-485 bus: derived from the line settings plus configurable timeouts and backoff.
public struct ModbusTiming: Sendable, Equatable {
    public var line: SerialPort.Configuration
    /// How long to wait for the first byte of a reply after the request has left the wire.
    public var responseTimeoutMs: Int
    /// Extra attempts after the first when a healthy board does not answer correctly.
    public var retries: Int
    /// Pause before retry i (1-based) is `retryDelayMs << (i - 1)`.
    public var retryDelayMs: Int
    /// A partial reply with no further byte for this long is abandoned (USB-serial adapters deliver in bursts,
    /// so this is at least `minimumInterByteTimeoutMs` even at high baud).
    public var minimumInterByteTimeoutMs: Int
    /// After a broadcast (no reply) the master waits this long so slow boards finish before the next frame.
    public var broadcastTurnaroundMs: Int
    /// A board is backed off after this many consecutive failed exchanges.
    public var backoffAfterFailures: Int
    /// First backoff; doubles with every further failure up to `maximumBackoffMs`.
    public var backoffBaseMs: Int
    public var maximumBackoffMs: Int

    public init(
        line: SerialPort.Configuration = SerialPort.Configuration(baud: 9600),
        responseTimeoutMs: Int = 150, retries: Int = 2, retryDelayMs: Int = 20,
        minimumInterByteTimeoutMs: Int = 20, broadcastTurnaroundMs: Int = 50,
        backoffAfterFailures: Int = 2, backoffBaseMs: Int = 1000, maximumBackoffMs: Int = 30000
    ) {
        self.line = line
        self.responseTimeoutMs = responseTimeoutMs
        self.retries = retries
        self.retryDelayMs = retryDelayMs
        self.minimumInterByteTimeoutMs = minimumInterByteTimeoutMs
        self.broadcastTurnaroundMs = broadcastTurnaroundMs
        self.backoffAfterFailures = backoffAfterFailures
        self.backoffBaseMs = backoffBaseMs
        self.maximumBackoffMs = maximumBackoffMs
    }

    /// Time for one character on the wire.
    public var characterNanos: UInt64 { line.characterNanos }

    /// Modbus RTU inter-frame silence: 3.5 character times, fixed at 1.75 ms above 19200 baud (spec).
    public var interFrameSilenceNanos: UInt64 {
        line.baud > 19200 ? 1_750_000 : characterNanos * 7 / 2
    }

    /// Time `bytes` take on the wire at this baud.
    public func frameNanos(bytes: Int) -> UInt64 { UInt64(bytes) * characterNanos }

    public var interByteTimeoutMs: Int {
        max(minimumInterByteTimeoutMs, Int((interFrameSilenceNanos + 999_999) / 1_000_000))
    }

    /// Backoff after `failures` consecutive failures (0 when below the threshold).
    public func backoffMs(afterFailures failures: Int) -> Int {
        guard failures >= backoffAfterFailures else { return 0 }
        let shift = min(failures - backoffAfterFailures, 16)
        return min(backoffBaseMs << shift, maximumBackoffMs)
    }
}
