import QuayCore

/// `i18n-status`: catalogue keys and languages that are missing or unreviewed.
public struct I18nBody: Codable, Sendable, Equatable {
    public var problems: [MessageCatalog.Status]

    public init(problems: [MessageCatalog.Status]) { self.problems = problems }
}
