import Foundation
import Logging
import QuaySystem

/// Why the hall summary could not be sent to an Alpha sign.
public enum AlphaSignError: Error, Sendable, Equatable, CustomStringConvertible {
    case transport(SystemError)
    /// The line accepted part of the packet then stalled (flow control held, adapter hung).
    case stalled(written: Int)
    case closed

    public var description: String {
        switch self {
        case .transport(let e): return "serial port: \(e)"
        case .stalled(let n): return "write stalled after \(n) bytes"
        case .closed: return "sign closed"
        }
    }
}

/// Drives one Alpha sign (or several sharing address "00") over a serial line. The protocol is one-way, so
/// health reflects the transport only. Runs on its own thread: a stalled line never blocks the daemon.
public actor AlphaSignDriver {
    private let executor: DedicatedThreadExecutor
    public nonisolated var unownedExecutor: UnownedSerialExecutor { executor.asUnownedSerialExecutor() }

    public nonisolated let encoder: AlphaSign
    public nonisolated let role: String
    private var port: SerialPort?
    private let registry: DeviceRegistry?
    private let stallTimeoutMs: Int32
    private let logger: Logger
    /// The last text sent successfully (avoids resending an unchanged line).
    public private(set) var currentText: String?

    public init(
        port: SerialPort, encoder: AlphaSign = AlphaSign(), role: String, registry: DeviceRegistry? = nil,
        stallTimeoutMs: Int32 = 2000, logger: Logger = Logger(label: "quay.alphasign")
    ) {
        self.executor = DedicatedThreadExecutor(name: "alphasign \(port.path)")
        self.port = port
        self.encoder = encoder
        self.role = role
        self.registry = registry
        self.stallTimeoutMs = stallTimeoutMs
        self.logger = logger
    }

    public static func open(
        path: String, line: SerialPort.Configuration = SerialPort.Configuration(baud: 9600),
        encoder: AlphaSign = AlphaSign(), role: String, registry: DeviceRegistry? = nil
    ) throws(AlphaSignError) -> AlphaSignDriver {
        do {
            return AlphaSignDriver(port: try SerialPort.open(path, line), encoder: encoder, role: role, registry: registry)
        } catch {
            throw .transport(error)
        }
    }

    /// Registers health (kind "alphasign").
    public func attach() async {
        guard let port else { return }
        await registry?.register(
            DeviceHealth(
                role: role, kind: "alphasign", matcher: "alpha \(port.path)",
                devnode: port.path, state: .ready, condition: "ready"))
    }

    /// Writes `text` (e.g. "Mời số A015 đến quầy 3") to the sign; unchanged text is not resent unless `force`.
    public func show(_ text: String, force: Bool = false) async throws(AlphaSignError) {
        if !force && text == currentText { return }
        let packet = encoder.writeTextPacket(text)
        let result = write(packet)
        switch result {
        case .success:
            currentText = text
            await registry?.update(role) { h in
                h.state = .ready
                h.condition = "ready"
                h.lastError = nil
                h.bytes += UInt64(packet.count)
                h.frames += 1
                h.lastSeen = Date().timeIntervalSince1970
            }
        case .failure(let e):
            currentText = nil
            logger.warning("alpha sign write failed", metadata: ["role": "\(role)", "error": "\(e)"])
            let text = e.description
            await registry?.update(role) { h in
                h.state = .error
                h.condition = "disconnected"
                h.lastError = text
                h.errors += 1
            }
        }
        try result.get()
    }

    public func close() {
        port?.close()
        port = nil
    }

    private func write(_ packet: [UInt8]) -> Result<Void, AlphaSignError> {
        guard let port else { return .failure(.closed) }
        do {
            try port.fd.writeAll(packet, stallTimeoutMs: stallTimeoutMs)
            return .success(())
        } catch {
            switch error {
            case .timedOut(let n): return .failure(.stalled(written: n))
            case .system(let e, _): return .failure(.transport(e))
            }
        }
    }
}
