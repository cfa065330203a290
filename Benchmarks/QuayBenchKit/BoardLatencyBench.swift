import Foundation
import QuayDevices
import QuaySystem

/// Measures "call -> frame on the wire" for counter boards: `CounterBoard.show` through the `ModbusMaster` to the
/// moment the complete FC06 frame can be read on the far side of a pty. A thread on the pty master plays a board
/// that echoes every FC06 (the normal reply) and timestamps each complete frame on arrival.
///
/// A pty moves bytes instantly, so the figures are the software path only; on a real RS-485 line add
/// `frameNanos` (8 bytes at the configured baud) and the inter-frame silence. Used by `quay-bench`.
public enum BoardLatencyBench {
    public struct Report: Sendable, CustomStringConvertible {
        public var samples: Int
        public var baud: Int
        /// show() called -> number frame complete at the far end.
        public var toWireP50Micros: Double
        public var toWireP99Micros: Double
        /// show() called -> show() returned (both frames acknowledged).
        public var roundTripP50Micros: Double
        public var roundTripP99Micros: Double
        /// Time the 8-byte FC06 frame itself takes on the wire at `baud`.
        public var frameMicrosAtBaud: Double
        public var interFrameSilenceMicros: Double

        public var description: String {
            func f(_ v: Double) -> String { String(format: "%.0f", v) }
            return "boards: call->frame on wire p50 \(f(toWireP50Micros)) us p99 \(f(toWireP99Micros)) us; "
                + "show() round trip (2 frames) p50 \(f(roundTripP50Micros)) us p99 \(f(roundTripP99Micros)) us; "
                + "FC06 frame at \(baud) baud \(f(frameMicrosAtBaud)) us + silence \(f(interFrameSilenceMicros)) us"
        }
    }

    public enum BenchError: Error, Sendable { case pty(SystemError), board(ModbusError) }

    /// `gapMillis` idles the bus between samples (calls come seconds apart in a hall), so the inter-frame silence of
    /// the previous exchange is not counted; with 0 the samples are back to back and each includes that silence.
    public static func run(samples: Int = 500, baud: Int = 9600, gapMillis: Int = 10) async throws(BenchError) -> Report {
        let pty: PseudoTerminal
        do { pty = try PseudoTerminal.open() } catch { throw .pty(error) }
        let master = pty.master, slavePath = pty.slavePath
        let echo: EchoBoard
        do { echo = try EchoBoard(fd: master) } catch {
            master.close()
            throw .pty(error)
        }
        echo.start()
        defer {
            echo.stop()
            master.close()
        }
        let timing = ModbusTiming(line: SerialPort.Configuration(baud: baud), responseTimeoutMs: 1000)
        let bus: ModbusMaster
        do { bus = try ModbusMaster.open(path: slavePath, timing: timing) } catch { throw .board(error) }
        let board = CounterBoard(master: bus, unit: 1, model: .generic4Digit, role: "bench")
        var toWire: [Double] = [], roundTrip: [Double] = []
        for i in 0..<(samples + 20) {
            if gapMillis > 0 { try? await Task.sleep(for: .milliseconds(gapMillis)) }
            let before = echo.frameCount
            let start = monotonicNanos()
            do { try await board.show(number: "A\(i % 1000)", blink: false) } catch { throw .board(error) }
            let end = monotonicNanos()
            guard i >= 20 else { continue }  // warm-up
            let arrivals = echo.arrivals(from: before)
            if let first = arrivals.first {
                toWire.append(Double(first &- start) / 1000)
            }
            roundTrip.append(Double(end - start) / 1000)
        }
        await bus.close()
        return Report(
            samples: samples, baud: baud,
            toWireP50Micros: percentile(toWire, 0.50), toWireP99Micros: percentile(toWire, 0.99),
            roundTripP50Micros: percentile(roundTrip, 0.50), roundTripP99Micros: percentile(roundTrip, 0.99),
            frameMicrosAtBaud: Double(timing.frameNanos(bytes: 8)) / 1000,
            interFrameSilenceMicros: Double(timing.interFrameSilenceNanos) / 1000)
    }

    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return 0 }
        let sorted = values.sorted()
        return sorted[min(sorted.count - 1, Int((Double(sorted.count - 1) * p).rounded()))]
    }

}

/// The far end of the bench pty: collects 8-byte FC06 frames, timestamps them and echoes them back. Its thread
/// waits in poll(2) on the pty master and a `WakePipe` (stopped at once, no polling interval).
final class EchoBoard: @unchecked Sendable {
    private let fd: FileDescriptor
    private let lock = NSLock()
    private let finished = NSCondition()
    private var times: [UInt64] = []
    private var done = false
    private let wake: WakePipe

    init(fd: FileDescriptor) throws(SystemError) {
        self.fd = fd
        self.wake = try WakePipe()
    }

    var frameCount: Int { lock.withLock { times.count } }

    func arrivals(from index: Int) -> [UInt64] {
        lock.withLock { Array(times[min(index, times.count)...]) }
    }

    func start() {
        let t = Thread { [self] in
            loop()
            finished.lock()
            done = true
            finished.broadcast()
            finished.unlock()
        }
        t.name = "bench echo board"
        t.start()
    }

    /// Wakes the thread and waits until it has stopped using the descriptor (the caller closes it next).
    func stop() {
        wake.signal()
        finished.lock()
        while !done { finished.wait() }
        finished.unlock()
    }

    private func loop() {
        var pending: [UInt8] = []
        let watched: [(FileDescriptor, Poll.Events)] = [(fd, .readable), (wake.readEnd, .readable)]
        while true {
            guard let ready = try? Poll.wait(watched, timeoutMs: -1), ready[1].isEmpty else { return }
            guard ready[0].contains(.readable) else {
                // A pty master reports a hang-up while no slave is open (before the bus opens, after it closes).
                sleepNanos(1_000_000)
                continue
            }
            guard let chunk = try? fd.read(upTo: 256), !chunk.isEmpty else { continue }
            pending += chunk
            while pending.count >= 8 {
                let frame = Array(pending.prefix(8))
                pending.removeFirst(8)
                let now = monotonicNanos()
                lock.withLock { times.append(now) }
                try? fd.writeAll(frame, stallTimeoutMs: 100)
            }
        }
    }
}
