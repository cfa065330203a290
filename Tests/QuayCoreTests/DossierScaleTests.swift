import Testing
@testable import QuayCore

/// The scale: a 200,000-row provincial export imported and a month of stats computed, checked against
/// the generator's own tallies. No timing here (debug builds); the benchmark times it.
@Suite("Dossier scale")
struct DossierScaleTests {
    @Test func import200kAndMonthlyStats() {
        let rows = 200_000
        let (bytes, expected) = DossierSampleData.generate(rows: rows, seed: 2026, badRowEvery: 1000)
        let site = SiteID(rawValue: "tinh-qn")!
        let r = DossierImporter.importCSV(bytes, mapping: DossierSampleData.mapping, site: site, firstSeq: 1)
        #expect(r.fileProblem == nil)
        #expect(r.rowsRead == rows)
        #expect(r.rowsRejected == expected.badRows && expected.badRows == 200)
        #expect(r.errors.count == 200)
        #expect(Set(r.errors.map(\.code)) == ["invalid-date", "missing-value", "unknown-status", "duplicate-receipt-code"])
        #expect(r.dossiers.count == rows - 200)
        #expect(r.dossiers.last?.id == "tinh-qn-D\(rows - 200)")
        #expect(r.nextSeq == Int64(rows - 200 + 1))

        let m = DossierSampleData.month
        let s = DossierStats.compute(r.dossiers, from: m.from, to: m.to, today: DossierSampleData.sampleToday)
        #expect(s.total == expected.counts)
        #expect(s.total.total == rows - 200)
        #expect(s.byMonth.count == DossierSampleData.procedures.count)
        for row in s.byMonth { #expect(row.counts == expected.perProcedure[row.group], "\(row.group)") }
        #expect(s.byDay.count == 30 * DossierSampleData.procedures.count)
        var daySum = DossierStats.Counts()
        for row in s.byDay { daySum += row.counts }
        #expect(daySum == s.total)
        // Roughly the generator's mix: ~72 % on time, ~8 % late of all rows.
        #expect(s.total.onTimeRate! > 0.85 && s.total.onTimeRate! < 0.95)
    }

    @Test func generatorIsDeterministic() {
        #expect(DossierSampleData.generateCSV(rows: 50, seed: 1) == DossierSampleData.generateCSV(rows: 50, seed: 1))
        #expect(DossierSampleData.generateCSV(rows: 50, seed: 1) != DossierSampleData.generateCSV(rows: 50, seed: 2))
        let csv = DossierSampleData.generateCSV(rows: 3, seed: 1)
        #expect(csv.hasPrefix("\u{FEFF}STT,Mã hồ sơ,"))
        #expect(CSVReader.parse(csv).count == 4)
    }
}
