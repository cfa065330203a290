/// `device-test` on a scanner: the next scan it read.
public struct ScanTestBody: Codable, Sendable, Equatable {
    public var scan: ScanEvent

    public init(scan: ScanEvent) { self.scan = scan }
}
