import QuayCore

/// `dossier-import`: what one CSV chunk gave; every refused row with its line, column and code.
public struct DossierImportBody: Codable, Sendable, Equatable {
    public var rowsRead: Int
    public var imported: Int
    public var rejected: Int
    public var errors: [RowError]
    public var errorsTruncated: Bool
    public var firstId: String?
    public var lastId: String?
    public var milliseconds: Int

    public init(
        rowsRead: Int, imported: Int, rejected: Int, errors: [RowError], errorsTruncated: Bool, firstId: String?,
        lastId: String?, milliseconds: Int
    ) {
        self.rowsRead = rowsRead
        self.imported = imported
        self.rejected = rejected
        self.errors = errors
        self.errorsTruncated = errorsTruncated
        self.firstId = firstId
        self.lastId = lastId
        self.milliseconds = milliseconds
    }
}
