import QuayCore

/// `dossier-import`: one chunk of a CSV file (`args.csv`), its column mapping (the configured one when absent)
/// and the line number of its first row in the whole file (for error messages).
public struct DossierImportRequest: OpRequest, Equatable {
    public var csv: String
    public var mapping: CSVColumnMapping?
    public var lineOffset: Int

    public init(csv: String, mapping: CSVColumnMapping? = nil, lineOffset: Int = 0) {
        self.csv = csv
        self.mapping = mapping
        self.lineOffset = lineOffset
    }

    public init(wire r: Request) throws(ControlError) {
        let f = WireFields(r)
        self.init(
            csv: try f.required(\.csv, "csv"), mapping: r.args?.mapping,
            lineOffset: try f.int(\.lineOffset, "lineOffset", in: 0...100_000_000, default: 0))
    }

    public var subject: AuditSubject { AuditSubject() }
}
