import Testing
@testable import QuayCore

@Suite("Dossier dates")
struct DossierDateTests {
    @Test func dayNumbersRoundTrip() {
        #expect(LocalDate(year: 1970, month: 1, day: 1)!.dayNumber == 0)
        #expect(LocalDate(year: 2026, month: 11, day: 25)!.dayNumber == 20_782)
        for n in stride(from: -25_000, through: 80_000, by: 37) {
            let d = LocalDate(dayNumber: n)
            let c = d.components
            #expect(LocalDate(year: c.year, month: c.month, day: c.day) == d)
        }
    }

    @Test func validation() {
        #expect(LocalDate(year: 2026, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2024, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2100, month: 2, day: 29) == nil)
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)
        #expect(LocalDate(year: 2026, month: 4, day: 31) == nil)
        #expect(LocalDate(year: 2026, month: 13, day: 1) == nil)
        #expect(LocalDate(iso: "2026-11-05")?.iso == "2026-11-05")
        #expect(LocalDate(iso: "2026-11-5") == nil)
        #expect(LocalDate(iso: "2026/11/05") == nil)
        #expect(LocalDate(iso: "2026-11-05")?.monthKey == "2026-11")
        #expect(LocalDate(iso: "2026-11-25")?.firstOfMonth.iso == "2026-11-01")
    }

    @Test func epochAndVietnamOffset() {
        // 2026-11-24 17:30 UTC is 2026-11-25 00:30 in Hà Nội.
        let t = Double(LocalDate(year: 2026, month: 11, day: 24)!.dayNumber * 86_400 + 17 * 3600 + 1800)
        #expect(LocalDate(epochSeconds: t, utcOffsetSeconds: vietnamUTCOffsetSeconds).iso == "2026-11-25")
        #expect(LocalDate(epochSeconds: t, utcOffsetSeconds: 0).iso == "2026-11-24")
        let d = LocalDate(year: 2026, month: 11, day: 25)!
        #expect(LocalDate(epochSeconds: d.epochSeconds(utcOffsetSeconds: 25_200), utcOffsetSeconds: 25_200) == d)
        #expect(LocalDate(epochSeconds: -1, utcOffsetSeconds: 0).iso == "1969-12-31")
    }

    @Test(arguments: [
        ("dd/MM/yyyy", "05/03/2026", "2026-03-05", 0),
        ("dd/MM/yyyy", "5/3/2026", "2026-03-05", 0),
        ("yyyy-MM-dd", "2026-11-30", "2026-11-30", 0),
        ("dd/MM/yyyy HH:mm", "25/11/2026 14:05", "2026-11-25", 14 * 3600 + 300),
        ("dd/MM/yyyy HH:mm:ss", "25/11/2026 07:30:59", "2026-11-25", 7 * 3600 + 1800 + 59),
        ("yyyy-MM-ddTHH:mm:ss", "2026-11-25T08:00:00", "2026-11-25", 8 * 3600),
        ("dd.MM.yyyy", "01.12.2026", "2026-12-01", 0),
    ])
    func patternsMatch(pattern: String, text: String, date: String, second: Int) throws {
        let p = try #require(DateTimePattern(pattern))
        let v = try #require(p.match(text))
        #expect(v.date.iso == date)
        #expect(v.secondOfDay == second)
    }

    @Test(arguments: [
        ("dd/MM/yyyy", "31/02/2026"), ("dd/MM/yyyy", "25/11/26"), ("dd/MM/yyyy", "25/11/2026 10:00"),
        ("dd/MM/yyyy", "25-11-2026"), ("dd/MM/yyyy HH:mm", "25/11/2026 24:00"), ("dd/MM/yyyy HH:mm", "25/11/2026 10:60"),
        ("yyyy-MM-dd", ""), ("dd/MM/yyyy", "aa/bb/cccc"), ("dd/MM/yyyy", "123/11/2026"),
    ])
    func patternsRefuse(pattern: String, text: String) throws {
        let p = try #require(DateTimePattern(pattern))
        #expect(p.match(text) == nil)
    }

    @Test func badPatterns() {
        #expect(DateTimePattern("dd/MM/yy") == nil)
        #expect(DateTimePattern("HH:mm") == nil)
        #expect(DateTimePattern("dd/MMM/yyyy") == nil)
        #expect(DateTimePattern("dd/MM/yyyy a") == nil)
    }

    @Test func firstMatchingFormatWins() throws {
        let ps = ["dd/MM/yyyy HH:mm", "dd/MM/yyyy", "yyyy-MM-dd"].compactMap(DateTimePattern.init)
        var s = "2026-11-25"
        let v = s.withUTF8 { DateTimePattern.firstMatch(ps, $0) }
        #expect(v?.date.iso == "2026-11-25")
        let w = try #require(ps[0].match("25/11/2026 08:00"))
        #expect(w.epochSeconds(utcOffsetSeconds: 25_200) == Double(w.date.dayNumber * 86_400 + 3600))
    }

    @Test func codable() throws {
        let d = LocalDate(year: 2026, month: 1, day: 2)!
        let data = try JSONEncoder().encode([d])
        #expect(String(decoding: data, as: UTF8.self) == "[\"2026-01-02\"]")
        #expect(try JSONDecoder().decode([LocalDate].self, from: data) == [d])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([LocalDate].self, from: Data("[\"02/01/2026\"]".utf8)) }
    }
}

import Foundation
