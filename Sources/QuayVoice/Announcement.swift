import QuayCore

/// One thing to say in a zone: a call, recall, results-ready or a technician's `say`, as units per language.
public struct Announcement: Sendable, Equatable {
    public struct Part: Sendable, Equatable {
        public var language: Language
        public var units: [SpokenUnit]
        public init(language: Language, units: [SpokenUnit]) {
            self.language = language
            self.units = units
        }
    }

    public var kind: AnnouncementKind
    /// The ticket id (calls, recalls): a recall of a ticket already waiting or being spoken is not queued twice.
    public var ticket: String?
    /// What the logs and the spool file name show ("A015 q1").
    public var label: String
    public var parts: [Part]
    public var chime: Bool
    /// When the event behind it was committed (seconds since the epoch): `eventAt` in the spool journal.
    public var at: Double
    /// Already rendered (a `say` is rendered before it is accepted, so an unspeakable text is refused).
    public var audio: PCMAudio?

    public init(kind: AnnouncementKind, ticket: String?, label: String, parts: [Part], chime: Bool = true, at: Double) {
        self.kind = kind
        self.ticket = ticket
        self.label = label
        self.parts = parts
        self.chime = chime
        self.at = at
    }
}
