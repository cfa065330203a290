/// A priority class citizens may claim at the kiosk (elderly, disability, pregnant or with a small child,
/// war veteran / person of merit). The list is configurable per center.
public struct PriorityClass: Sendable, Codable, Equatable, Identifiable {
    public var id: String
    public var name: LocalizedText
    /// Printed on the ticket next to the number, e.g. "Ưu tiên".
    public var mark: String
    public init(id: String, name: LocalizedText, mark: String = "★") {
        self.id = id
        self.name = name
        self.mark = mark
    }

    public static let defaults: [PriorityClass] = [
        PriorityClass(id: "elderly", name: LocalizedText(vi: "Người cao tuổi", km: "មនុស្សចាស់", en: "Elderly")),
        PriorityClass(id: "disability", name: LocalizedText(vi: "Người khuyết tật", km: "ជនពិការ", en: "Person with disability")),
        PriorityClass(
            id: "pregnant-child",
            name: LocalizedText(
                vi: "Phụ nữ mang thai, người có con nhỏ", km: "ស្ត្រីមានផ្ទៃពោះ ឬមានកូនតូច",
                en: "Pregnant or with a "
                    + "small child")),
        PriorityClass(
            id: "merit",
            name: LocalizedText(
                vi: "Người có công, thương binh", km: "អ្នកមានគុណូបការៈ",
                en: "War veteran / person of "
                    + "merit")),
    ]
}
