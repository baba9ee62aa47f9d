import Foundation

/// The units and people of a province as an office file names them (past awards, ratings):
/// a unit by its name or short name typed any way, a person by their national ID or by their
/// name within the unit they work in.
public struct ImportRecipients: Sendable {
    /// A person of the province, as a file may name them.
    public struct Person: Sendable, Hashable {
        public var id: UUID
        public var fullName: String
        public var nationalID: String?
        public var gender: Gender?
        /// The units they have held a post in.
        public var units: Set<UUID>
        /// The days of their posts (a rating is for a year they worked in).
        public var employment: [DatePeriod]

        public init(id: UUID, fullName: String, nationalID: String?, gender: Gender?, units: Set<UUID>, employment: [DatePeriod] = []) {
            self.id = id
            self.fullName = fullName
            self.nationalID = nationalID
            self.gender = gender
            self.units = units
            self.employment = employment
        }
    }

    /// Search key of each unit's short name and name → its id.
    public let units: [String: UUID]
    private var byName: [String: [Person]] = [:]
    private var byNationalID: [String: Person] = [:]

    public init(units: [String: UUID], people: [Person]) {
        self.units = units
        for person in people {
            byName[VietnameseText.searchKey(person.fullName), default: []].append(person)
            if let id = person.nationalID { byNationalID[id] = person }
        }
    }

    public func unit(named text: String) -> UUID? { units[VietnameseText.searchKey(text)] }

    /// The person the row names, or why there is none: by national ID when it is given
    /// (and the name must match), else the only person of that name in the unit.
    public func person(_ recipient: String, nationalID: String, unit: UUID, unitName: String) -> (person: Person?, problem: String?) {
        if !nationalID.isEmpty {
            guard let person = byNationalID[nationalID] else {
                return (nil, "Không có cán bộ nào có số định danh \(nationalID); hãy nhập cán bộ trước.")
            }
            guard VietnameseText.searchKey(person.fullName) == VietnameseText.searchKey(recipient) else {
                return (nil, "Số định danh \(nationalID) là của «\(person.fullName)», không phải «\(TextRules.excerpt(recipient))».")
            }
            return (person, nil)
        }
        let named = (byName[VietnameseText.searchKey(recipient)] ?? []).filter { $0.units.contains(unit) }
        switch named.count {
        case 1: return (named[0], nil)
        case 0: return (nil, "Không có cán bộ «\(TextRules.excerpt(recipient))» của đơn vị «\(TextRules.excerpt(unitName))»; hãy nhập cán bộ trước.")
        default: return (nil, "Đơn vị có \(named.count) cán bộ tên «\(recipient)»: hãy ghi số định danh cá nhân để phân biệt.")
        }
    }
}
