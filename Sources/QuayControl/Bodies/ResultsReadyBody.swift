import QuayCore

/// `results-ready`: the hall display's list of results ready for pickup (masked codes).
public struct ResultsReadyBody: Codable, Sendable, Equatable {
    public var entries: [ResultsReadyEntry]

    public init(entries: [ResultsReadyEntry]) { self.entries = entries }
}
