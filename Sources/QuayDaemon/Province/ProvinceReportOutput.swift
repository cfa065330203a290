import Foundation
import QuayCore
import QuayProvince
import QuayReports

/// `quayd province report`: the province report from PostgreSQL, written as a text table, CSV (one table),
/// XLSX (every table) or the PDF.
public enum ProvinceReportOutput {
    public enum Format: String, CaseIterable, Sendable { case table, csv, xlsx, pdf }

    public struct Failed: Error, CustomStringConvertible {
        public var description: String
    }

    /// Renders `r` as `format` into `path` (table and CSV: standard output when nil). Returns the path written.
    @discardableResult
    public static func write(_ r: ProvinceReport, format: Format, path: String?, language: Language, table: String = "communes") throws
        -> String?
    {
        let labels = ProvinceLabels.forLanguage(language)
        let sheets = ProvinceSheets.all(r, labels)
        switch format {
        case .table:
            return try emit(Array(ReportText.table(sheets).utf8), path)
        case .csv:
            guard let sheet = sheets.first(where: { $0.key == table }) else {
                throw Failed(description: "--table must be one of \(ProvinceSheets.keys.joined(separator: ", "))")
            }
            return try emit(Array(ReportText.csv(sheet).utf8), path)
        case .xlsx:
            let p = path ?? "province-\(r.period.from.iso)_\(r.period.to.iso).xlsx"
            do { try ReportXLSX.write(sheets, to: p) } catch { throw Failed(description: error.description) }
            return p
        case .pdf:
            let p = path ?? "province-\(r.period.from.iso)_\(r.period.to.iso).pdf"
            let bytes: [UInt8]
            do { bytes = try ProvincePDF.render(r, labels: labels) } catch { throw Failed(description: error.description) }
            return try emit(bytes, p)
        }
    }

    private static func emit(_ bytes: [UInt8], _ path: String?) throws -> String? {
        guard let path else {
            FileHandle.standardOutput.write(Data(bytes))
            return nil
        }
        do { try Data(bytes).write(to: URL(fileURLWithPath: path)) } catch { throw Failed(description: "cannot write \(path): \(error)") }
        return path
    }
}
