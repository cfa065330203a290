import Foundation
import QuayControl
import QuayCore
import QuayStore

/// Imports a provincial CSV export: parsed off the writer thread, then stored in one ledger transaction.
/// A bad row never aborts the rest; every refused row is listed with its line, column and code.
/// quayctl sends a large file as whole-record chunks of at most `DossierImportLimits` (docs/protocol.md).
enum DossierImportLimits {
    /// Longest `dossier-import` request line. Every other op keeps the general 64 KiB limit
    /// (`ControlServer.Options.maxLineBytes`); only peers whose role may import get the larger buffer.
    static let maxLineBytes = 4 << 20
    /// Most data rows in one request. A request is one transaction on the writer thread, so this bounds how long
    /// queue operations can wait behind an import (~0.1 s for 5,000 rows, docs/performance.md).
    static let maxRows = 10_000
}

extension DossierDesk {
    /// `lineOffset` is added to reported line numbers (quayctl sends a large file in chunks, each with the header).
    func importCSV(_ bytes: [UInt8], mapping: CSVColumnMapping, lineOffset: Int) async throws -> DossierImportBody {
        let started = DispatchTime.now().uptimeNanoseconds
        let site = self.site
        // First pass without the store: most files have no code that is already stored.
        let parsed = DossierImporter.importCSV(bytes, mapping: mapping, site: site, firstSeq: 1, lineOffset: lineOffset)
        if let p = parsed.fileProblem { throw DossierError.invalidArgument("the CSV file cannot be read: \(p)") }
        guard parsed.rowsRead <= DossierImportLimits.maxRows else {
            throw ControlError(
                code: "too-many-rows",
                message: "\(parsed.rowsRead) rows in one dossier-import request; send at most "
                    + "\(DossierImportLimits.maxRows) per request (quayctl dossier import splits files itself); nothing was stored")
        }
        let result = try await DossierStore(ledger: try state.ledger()).importParsed(
            parsed, site: site,
            reparse: { first, existing in
                // Re-run with the stored codes so those rows are refused with their line numbers.
                DossierImporter.importCSV(
                    bytes, mapping: mapping, site: site, firstSeq: first, existingReceiptCodes: existing, lineOffset: lineOffset)
            },
            detail: { r in
                "read \(r.rowsRead) imported \(r.dossiers.count) rejected \(r.rowsRejected)"
                    + (r.dossiers.first.map { " ids \($0.id)..\(r.dossiers.last?.id ?? $0.id)" } ?? "")
                    + (lineOffset > 0 ? " from line \(lineOffset + 1)" : "")
            })
        let errors = result.errors
        let ms = Int((DispatchTime.now().uptimeNanoseconds - started) / 1_000_000)
        return DossierImportBody(
            rowsRead: result.rowsRead, imported: result.dossiers.count, rejected: result.rowsRejected, errors: errors,
            errorsTruncated: result.errorsTruncated, firstId: result.dossiers.first?.id, lastId: result.dossiers.last?.id,
            milliseconds: ms)
    }
}
