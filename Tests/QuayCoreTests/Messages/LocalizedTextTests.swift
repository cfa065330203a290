import Foundation
import QuayCore
import Testing

@Suite struct LocalizedTextTests {
    @Test func lookupFallsBackToVietnamese() {
        let t = LocalizedText(vi: "Hộ tịch", km: "អត្រានុកូលដ្ឋាន")
        #expect(t[.vi] == "Hộ tịch")
        #expect(t[.km] == "អត្រានុកូលដ្ឋាន")
        #expect(t[.en] == "Hộ tịch")
        #expect(LocalizedText(vi: "Hộ tịch", en: "")[.en] == "Hộ tịch")
    }

    @Test func neverBlankWhenAnyLanguageHasText() {
        #expect(LocalizedText([.vi: "", .en: "Civil status"])[.km] == "Civil status")
        #expect(LocalizedText([.vi: "", .km: "ក", .en: "E"])[.vi] == "ក")
        #expect(LocalizedText([.en: "E"])[.vi] == "E")
        #expect(LocalizedText([:])[.vi] == "")
    }

    @Test func codableAsAPlainObject() throws {
        let t = LocalizedText(vi: "Đất đai", km: "ដីធ្លី", en: "Land")
        let data = try JSONEncoder().encode(t)
        let obj = try #require(try JSONSerialization.jsonObject(with: data) as? [String: String])
        #expect(obj == ["vi": "Đất đai", "km": "ដីធ្លី", "en": "Land"])
        #expect(try JSONDecoder().decode(LocalizedText.self, from: data) == t)
        let withUnknown = Data(#"{"vi":"A","fr":"B"}"#.utf8)
        #expect(try JSONDecoder().decode(LocalizedText.self, from: withUnknown) == LocalizedText(vi: "A"))
    }

    @Test func languagesOrderViKmEn() {
        #expect(Language.allCases.sorted() == [.vi, .km, .en])
        #expect(Language.km < Language.en && Language.vi < Language.km)
    }

    @Test func defaultPriorityClassesHaveTextInEveryLanguage() {
        #expect(PriorityClass.defaults.map(\.id) == ["elderly", "disability", "pregnant-child", "merit"])
        for p in PriorityClass.defaults {
            for l in Language.allCases { #expect(p.name.values[l]?.isEmpty == false, "\(p.id) \(l)") }
        }
    }
}
