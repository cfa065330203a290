import CXLSXWriter
import QuayCore

/// Writes the report's sheets to an .xlsx file with libxlsxwriter: one worksheet per table, a bold header row,
/// counts as numbers, minutes as numbers ("0.0"), shares as percentages ("0.0%") and dates as Excel dates.
public enum ReportXLSX {
    public struct WriteError: Error, CustomStringConvertible {
        public var description: String
    }

    public static func write(_ sheets: [ReportSheet], to path: String) throws(WriteError) {
        guard let wb = workbook_new(path) else { throw WriteError(description: "cannot create \(path)") }
        let header = workbook_add_format(wb)
        format_set_bold(header)
        format_set_text_wrap(header)
        let minutes = workbook_add_format(wb)
        format_set_num_format(minutes, "0.0")
        let percent = workbook_add_format(wb)
        format_set_num_format(percent, "0.0%")
        let date = workbook_add_format(wb)
        format_set_num_format(date, "yyyy-mm-dd")
        var used = Set<String>()
        for s in sheets {
            let name = sheetName(s.title, used: &used)
            guard let ws = workbook_add_worksheet(wb, name) else { continue }
            for (c, h) in s.headers.enumerated() { worksheet_write_string(ws, 0, lxw_col_t(c), h, header) }
            worksheet_set_column(ws, 0, 0, 14, nil)
            worksheet_set_column(ws, 1, lxw_col_t(max(1, s.headers.count - 1)), 12, nil)
            worksheet_freeze_panes(ws, 1, 0)
            for (r, row) in s.rows.enumerated() {
                let rr = lxw_row_t(r + 1)
                for (c, cell) in row.enumerated() {
                    let cc = lxw_col_t(c)
                    switch cell {
                    case .text(let t): worksheet_write_string(ws, rr, cc, t, nil)
                    case .int(let i): worksheet_write_number(ws, rr, cc, Double(i), nil)
                    case .decimal(let v): worksheet_write_number(ws, rr, cc, v, minutes)
                    case .minutes(let v):
                        if let v { worksheet_write_number(ws, rr, cc, v / 60, minutes) } else { worksheet_write_blank(ws, rr, cc, nil) }
                    case .percent(let v):
                        if let v { worksheet_write_number(ws, rr, cc, v, percent) } else { worksheet_write_blank(ws, rr, cc, nil) }
                    case .date(let d):
                        var dt = lxw_datetime(year: Int32(d.year), month: Int32(d.month), day: Int32(d.day), hour: 0, min: 0, sec: 0)
                        worksheet_write_datetime(ws, rr, cc, &dt, date)
                    }
                }
            }
        }
        let rc = workbook_close(wb)
        guard rc == LXW_NO_ERROR else {
            throw WriteError(description: "cannot write \(path): \(String(cString: lxw_strerror(rc)))")
        }
    }

    /// Excel's rules for a sheet name: at most 31 characters, none of []:*?/\, unique.
    static func sheetName(_ title: String, used: inout Set<String>) -> String {
        let forbidden: Set<Character> = ["[", "]", ":", "*", "?", "/", "\\"]
        var base = String(title.filter { !forbidden.contains($0) }.prefix(28))
        if base.isEmpty { base = "Sheet" }
        var name = base, n = 2
        while used.contains(name.lowercased()) {
            name = "\(base) \(n)"
            n += 1
        }
        used.insert(name.lowercased())
        return name
    }
}
