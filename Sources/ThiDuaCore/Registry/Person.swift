import Foundation

/// Cán bộ, công chức, viên chức, người lao động: a person whose titles and awards the
/// system follows across the units they work in.
public struct Person: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var fullName: String
    public var gender: Gender
    public var birthYear: Int?
    public var category: StaffCategory
    /// Số định danh cá nhân (CCCD): optional, never shown in lists.
    public var nationalID: String?

    public init(id: UUID = UUID(), fullName: String, gender: Gender, birthYear: Int? = nil,
                category: StaffCategory, nationalID: String? = nil) {
        self.id = id
        self.fullName = fullName
        self.gender = gender
        self.birthYear = birthYear
        self.category = category
        self.nationalID = nationalID
    }

    /// "Nguyễn Thị ***" style masking is not enough for an ID; detail pages show the last
    /// four digits only.
    public var maskedNationalID: String? {
        nationalID.map { String(repeating: "•", count: max(0, $0.count - 4)) + $0.suffix(4) }
    }
}

public enum Gender: String, CaseIterable, Sendable, Codable {
    case female
    case male

    public var label: String {
        switch self {
        case .female: "Nữ"
        case .male: "Nam"
        }
    }
}

public enum StaffCategory: String, CaseIterable, Sendable, Codable {
    /// Cán bộ.
    case cadre
    /// Công chức.
    case civilServant = "civil_servant"
    /// Viên chức.
    case publicEmployee = "public_employee"
    /// Người lao động.
    case worker

    public var label: String {
        switch self {
        case .cadre: "Cán bộ"
        case .civilServant: "Công chức"
        case .publicEmployee: "Viên chức"
        case .worker: "Người lao động"
        }
    }
}

/// Quá trình công tác: a person's post in a unit for a period.
public struct Assignment: Hashable, Sendable, Codable, Identifiable {
    public var id: UUID
    public var personID: UUID
    public var unitID: UUID
    /// Chức vụ: "Trưởng ban", "Chuyên viên".
    public var position: String
    public var period: DatePeriod

    public init(id: UUID = UUID(), personID: UUID, unitID: UUID, position: String, period: DatePeriod) {
        self.id = id
        self.personID = personID
        self.unitID = unitID
        self.position = position
        self.period = period
    }

    /// The assignment in force on a day, if any.
    public static func current(_ assignments: [Assignment], on date: LocalDate) -> Assignment? {
        assignments.filter { $0.period.contains(date) }.max { $0.period.from < $1.period.from }
    }

    /// A person holds one post at a time: a new assignment may not overlap another.
    public static func validate(_ assignment: Assignment, unit: OrgUnit?, others: [Assignment]) throws {
        var issues = IssueCollector()
        guard let unit else { throw DomainError.invalid(field: "unitID", "Hãy chọn đơn vị công tác.") }
        issues.check(!assignment.position.isEmpty, field: "position", "Chức vụ không được để trống.")
        issues.check(assignment.period.isOrdered, field: "validTo", "Ngày kết thúc phải sau ngày bắt đầu.")
        issues.check(unit.existence.contains(assignment.period.from), field: "validFrom",
                     "Đơn vị «\(unit.name)» không hoạt động vào ngày \(assignment.period.from.vietnamese).")
        for other in others where other.id != assignment.id && other.period.overlaps(assignment.period) {
            issues.add(FieldIssue(field: "validFrom",
                "Thời gian công tác chồng lên quá trình từ \(other.period.from.vietnamese) đến \(other.period.to?.vietnamese ?? "nay")."))
        }
        try issues.finish()
    }
}

extension Person {
    /// Twelve digits, as the chip-based citizen ID (CCCD) has.
    public static let nationalIDLength = 12

    public static func validated(id: UUID = UUID(), fullName: String?, gender: String?, birthYear: String?,
                                 category: String?, nationalID: String?, currentYear: Int) throws -> Person {
        var issues = IssueCollector()
        let name = TextRules.requiredName(fullName, field: "fullName", label: "Họ và tên", maximum: 100, into: &issues)
        let parsedGender = Gender(rawValue: gender ?? "")
        issues.check(parsedGender != nil, field: "gender", "Hãy chọn giới tính.")
        let parsedCategory = StaffCategory(rawValue: category ?? "")
        issues.check(parsedCategory != nil, field: "category", "Hãy chọn đối tượng (cán bộ, công chức, viên chức, người lao động).")
        var year: Int?
        let yearText = (birthYear ?? "").trimmingWhitespace
        if !yearText.isEmpty {
            year = Int(yearText)
            issues.check(year.map { (1900...currentYear).contains($0) } ?? false, field: "birthYear",
                         "Năm sinh «\(yearText)» phải là một năm từ 1900 đến \(currentYear).")
        }
        var id_: String?
        let idText = (nationalID ?? "").filter { !$0.isWhitespace }
        if !idText.isEmpty {
            id_ = idText
            issues.check(idText.count == nationalIDLength && idText.allSatisfy(\.isASCII) && idText.allSatisfy(\.isNumber),
                         field: "nationalID", "Số định danh cá nhân phải gồm đúng \(nationalIDLength) chữ số.")
        }
        try issues.finish()
        return Person(id: id, fullName: name, gender: parsedGender!, birthYear: year, category: parsedCategory!,
                      nationalID: id_)
    }
}
