import Foundation

/// Danh hiệu thi đua (a title, earned for a year) or hình thức khen thưởng (a form of
/// commendation: Bằng khen, Giấy khen, Huân chương).
public enum AwardKind: String, CaseIterable, Sendable, Codable {
    case title
    case form

    public var label: String {
        switch self {
        case .title: "Danh hiệu thi đua"
        case .form: "Hình thức khen thưởng"
        }
    }
}

/// Đối tượng: who the title or form is for.
public enum AwardSubject: String, CaseIterable, Sendable, Codable {
    case individual
    case collective

    public var label: String {
        switch self {
        case .individual: "Cá nhân"
        case .collective: "Tập thể"
        }
    }
}

/// Cấp: the level that awards it.
public enum AwardLevel: String, CaseIterable, Sendable, Codable, Comparable {
    /// Cơ sở: the head of the agency.
    case agency
    /// Tỉnh: the Chairman of the provincial People's Committee.
    case province
    /// Chính phủ, Thủ tướng.
    case government
    /// Nhà nước: the President.
    case state

    public var label: String {
        switch self {
        case .agency: "Cấp cơ sở"
        case .province: "Cấp tỉnh"
        case .government: "Cấp Chính phủ"
        case .state: "Cấp Nhà nước"
        }
    }

    private var order: Int { Self.allCases.firstIndex(of: self)! }
    public static func < (lhs: AwardLevel, rhs: AwardLevel) -> Bool { lhs.order < rhs.order }
}

/// Căn cứ pháp lý: a law, decree, circular or provincial decision, with the days it is in force.
public struct LegalBasis: Hashable, Sendable, Codable {
    /// "06/2022/QH15", "152/2025/NĐ-CP".
    public var code: String
    /// "Luật Thi đua, khen thưởng".
    public var title: String
    public var validity: DatePeriod

    public init(code: String, title: String, validity: DatePeriod) {
        self.code = code
        self.title = title
        self.validity = validity
    }

    /// "Luật Thi đua, khen thưởng số 06/2022/QH15".
    public var citation: String { "\(title) số \(code)" }

    /// Luật Thi đua, khen thưởng 2022, in force from 01/01/2024.
    public static let law2022 = LegalBasis(code: "06/2022/QH15", title: "Luật Thi đua, khen thưởng",
                                           validity: DatePeriod(from: LocalDate(year: 2024, month: 1, day: 1)!))
    /// Nghị định 98/2023/NĐ-CP: replaced by Decree 152/2025 from 01/7/2025.
    public static let decree98 = LegalBasis(code: "98/2023/NĐ-CP", title: "Nghị định",
                                            validity: DatePeriod(from: LocalDate(year: 2024, month: 1, day: 1)!,
                                                                 to: LocalDate(year: 2025, month: 6, day: 30)!))
    /// Nghị định 152/2025/NĐ-CP (14/6/2025), in force from 01/7/2025.
    public static let decree152 = LegalBasis(code: "152/2025/NĐ-CP", title: "Nghị định",
                                             validity: DatePeriod(from: LocalDate(year: 2025, month: 7, day: 1)!))
    /// Thông tư 01/2024/TT-BNV: replaced by Circular 15/2025. Its end is taken as the day
    /// before Circular 15/2025 was signed (the effective date: VERIFY on vbpl.vn).
    public static let circular01 = LegalBasis(code: "01/2024/TT-BNV", title: "Thông tư",
                                              validity: DatePeriod(from: LocalDate(year: 2024, month: 1, day: 1)!,
                                                                   to: LocalDate(year: 2025, month: 8, day: 3)!))
    /// Thông tư 15/2025/TT-BNV (signed 04/8/2025): no commendation for dissolved agencies.
    public static let circular15 = LegalBasis(code: "15/2025/TT-BNV", title: "Thông tư",
                                              validity: DatePeriod(from: LocalDate(year: 2025, month: 8, day: 4)!))

    /// The decree detailing the Law on a day: Decree 98/2023 until 30/6/2025, then 152/2025.
    public static func decree(on date: LocalDate) -> LegalBasis { decree152.validity.contains(date) ? decree152 : decree98 }
    /// The Ministry of Home Affairs circular in force on a day.
    public static func circular(on date: LocalDate) -> LegalBasis { circular15.validity.contains(date) ? circular15 : circular01 }
}

/// Mã danh hiệu, hình thức: a stable key. The standard ones are constants; a province adds
/// its own (a provincial form) as data with a new code.
public struct AwardCode: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public var rawValue: String
    public init(rawValue: String) { self.rawValue = rawValue }
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }
    public static func < (lhs: AwardCode, rhs: AwardCode) -> Bool { lhs.rawValue < rhs.rawValue }

    /// Lao động tiên tiến.
    public static let advancedWorker = AwardCode("ldtt")
    /// Chiến sĩ thi đua cơ sở.
    public static let baseEmulationSoldier = AwardCode("cstdcs")
    /// Chiến sĩ thi đua cấp tỉnh.
    public static let provinceEmulationSoldier = AwardCode("cstd_tinh")
    /// Chiến sĩ thi đua toàn quốc.
    public static let nationalEmulationSoldier = AwardCode("cstd_toan_quoc")
    /// Tập thể lao động tiên tiến.
    public static let advancedCollective = AwardCode("ttldtt")
    /// Tập thể lao động xuất sắc.
    public static let excellentCollective = AwardCode("ttldxs")
    /// Cờ thi đua của Ủy ban nhân dân tỉnh.
    public static let provinceFlag = AwardCode("co_tinh")
    /// Cờ thi đua của Chính phủ.
    public static let governmentFlag = AwardCode("co_chinh_phu")
    /// Giấy khen (cá nhân / tập thể).
    public static let certificateIndividual = AwardCode("giay_khen_ca_nhan")
    public static let certificateCollective = AwardCode("giay_khen_tap_the")
    /// Bằng khen của Chủ tịch UBND tỉnh.
    public static let provinceMeritIndividual = AwardCode("bang_khen_tinh_ca_nhan")
    public static let provinceMeritCollective = AwardCode("bang_khen_tinh_tap_the")
    /// Bằng khen của Thủ tướng Chính phủ.
    public static let primeMinisterMeritIndividual = AwardCode("bang_khen_ttg_ca_nhan")
    public static let primeMinisterMeritCollective = AwardCode("bang_khen_ttg_tap_the")
    /// Huân chương Lao động hạng Ba.
    public static let labourOrderThird = AwardCode("huan_chuong_ld_hang_ba")
}

/// One title or form of the catalogue, as the law defines it.
public struct AwardType: Hashable, Sendable, Codable, Identifiable {
    public var code: AwardCode
    public var name: String
    public var kind: AwardKind
    public var subject: AwardSubject
    public var level: AwardLevel
    /// Người quyết định: "Chủ tịch UBND tỉnh".
    public var decidedBy: String
    public var legalBasis: LegalBasis
    /// "Điều 24".
    public var article: String
    public var validity: DatePeriod
    /// Tiền thưởng, in multiples of the base salary (lương cơ sở), when the decree sets one.
    public var cashMultiple: Double?
    /// Added by a province (its own form), not by the national texts.
    public var provincial: Bool

    public var id: AwardCode { code }

    public init(code: AwardCode, name: String, kind: AwardKind, subject: AwardSubject, level: AwardLevel, decidedBy: String,
                legalBasis: LegalBasis = .law2022, article: String, validity: DatePeriod? = nil, cashMultiple: Double? = nil,
                provincial: Bool = false) {
        self.code = code
        self.name = name
        self.kind = kind
        self.subject = subject
        self.level = level
        self.decidedBy = decidedBy
        self.legalBasis = legalBasis
        self.article = article
        self.validity = validity ?? legalBasis.validity
        self.cashMultiple = cashMultiple
        self.provincial = provincial
    }

    /// "Điều 24 Luật Thi đua, khen thưởng số 06/2022/QH15".
    public var citation: String { "\(article) \(legalBasis.citation)" }

    /// The name with its subject, once: «Lao động tiên tiến (cá nhân)», «Giấy khen (tập thể)».
    public var nameWithSubject: String { name.hasSuffix(subjectSuffix) ? name : name + subjectSuffix }

    /// The name as offices write it, without the subject: «Giấy khen».
    public var plainName: String { name.hasSuffix(subjectSuffix) ? String(name.dropLast(subjectSuffix.count)) : name }

    private var subjectSuffix: String { " (\(subject.label.lowercased()))" }
}

/// Danh mục danh hiệu, hình thức: the national texts' titles and forms plus what a province
/// adds. Looked up by code and day, since a title can end and a provincial form can begin.
public struct AwardCatalogue: Sendable {
    public private(set) var types: [AwardType]

    public init(types: [AwardType]) { self.types = types }

    /// The titles and forms of Law 06/2022/QH15 that the blocs' work proposes (DOMAIN.md §5).
    /// Cash multiples are Decree 98 Art 54's, restated by Decree 152; the rest VERIFY.
    public static let standard = AwardCatalogue(types: [
        AwardType(code: .advancedWorker, name: "Lao động tiên tiến", kind: .title, subject: .individual, level: .agency,
                  decidedBy: "Thủ trưởng cơ quan, đơn vị", article: "Điều 24", cashMultiple: 0.3),
        AwardType(code: .baseEmulationSoldier, name: "Chiến sĩ thi đua cơ sở", kind: .title, subject: .individual, level: .agency,
                  decidedBy: "Thủ trưởng cơ quan, đơn vị", article: "Điều 23", cashMultiple: 1.0),
        AwardType(code: .provinceEmulationSoldier, name: "Chiến sĩ thi đua cấp tỉnh", kind: .title, subject: .individual,
                  level: .province, decidedBy: "Chủ tịch UBND tỉnh", article: "Điều 22", cashMultiple: 3.0),
        AwardType(code: .nationalEmulationSoldier, name: "Chiến sĩ thi đua toàn quốc", kind: .title, subject: .individual,
                  level: .government, decidedBy: "Thủ tướng Chính phủ", article: "Điều 21", cashMultiple: 4.5),
        AwardType(code: .advancedCollective, name: "Tập thể lao động tiên tiến", kind: .title, subject: .collective, level: .agency,
                  decidedBy: "Thủ trưởng cơ quan, đơn vị", article: "Điều 28", cashMultiple: 0.8),
        AwardType(code: .excellentCollective, name: "Tập thể lao động xuất sắc", kind: .title, subject: .collective,
                  level: .province, decidedBy: "Chủ tịch UBND tỉnh", article: "Điều 27", cashMultiple: 1.5),
        AwardType(code: .provinceFlag, name: "Cờ thi đua của Ủy ban nhân dân tỉnh", kind: .title, subject: .collective,
                  level: .province, decidedBy: "Chủ tịch UBND tỉnh", article: "Điều 26"),
        AwardType(code: .governmentFlag, name: "Cờ thi đua của Chính phủ", kind: .title, subject: .collective, level: .government,
                  decidedBy: "Thủ tướng Chính phủ", article: "Điều 25", cashMultiple: 12.0),
        AwardType(code: .certificateIndividual, name: "Giấy khen (cá nhân)", kind: .form, subject: .individual, level: .agency,
                  decidedBy: "Thủ trưởng cơ quan, đơn vị", article: "Điều 75"),
        AwardType(code: .certificateCollective, name: "Giấy khen (tập thể)", kind: .form, subject: .collective, level: .agency,
                  decidedBy: "Thủ trưởng cơ quan, đơn vị", article: "Điều 75"),
        AwardType(code: .provinceMeritIndividual, name: "Bằng khen của Chủ tịch UBND tỉnh (cá nhân)", kind: .form,
                  subject: .individual, level: .province, decidedBy: "Chủ tịch UBND tỉnh", article: "Điều 74"),
        AwardType(code: .provinceMeritCollective, name: "Bằng khen của Chủ tịch UBND tỉnh (tập thể)", kind: .form,
                  subject: .collective, level: .province, decidedBy: "Chủ tịch UBND tỉnh", article: "Điều 74"),
        AwardType(code: .primeMinisterMeritIndividual, name: "Bằng khen của Thủ tướng Chính phủ (cá nhân)", kind: .form,
                  subject: .individual, level: .government, decidedBy: "Thủ tướng Chính phủ", article: "Điều 73"),
        AwardType(code: .primeMinisterMeritCollective, name: "Bằng khen của Thủ tướng Chính phủ (tập thể)", kind: .form,
                  subject: .collective, level: .government, decidedBy: "Thủ tướng Chính phủ", article: "Điều 73"),
        AwardType(code: .labourOrderThird, name: "Huân chương Lao động hạng Ba", kind: .form, subject: .individual, level: .state,
                  decidedBy: "Chủ tịch nước", article: "(số điều: cần xác minh)"),
    ])

    /// The type with this code in force on a day.
    public func type(_ code: AwardCode, on date: LocalDate) -> AwardType? {
        types.first { $0.code == code && $0.validity.contains(date) }
    }

    /// The type with this code, in force or not (history shows ended ones).
    public func type(_ code: AwardCode) -> AwardType? { types.first { $0.code == code } }

    /// What can be proposed for a subject on a day.
    public func available(for subject: AwardSubject, on date: LocalDate) -> [AwardType] {
        types.filter { $0.subject == subject && $0.validity.contains(date) }
    }

    /// Adds a province's own form (hình thức của tỉnh) as data: its code must be new.
    public mutating func add(_ type: AwardType) throws {
        var issues = IssueCollector()
        issues.check(!type.code.rawValue.isEmpty && type.code.rawValue.count <= 64, field: "code",
                     "Mã hình thức phải có từ 1 đến 64 ký tự.")
        issues.check(!types.contains { $0.code == type.code }, field: "code", "Mã «\(type.code)» đã có trong danh mục.")
        issues.check(!VietnameseText.normalized(type.name).isEmpty, field: "name", "Tên danh hiệu, hình thức không được để trống.")
        issues.check(type.validity.isOrdered, field: "validTo", "Ngày hết hiệu lực phải sau ngày bắt đầu.")
        try issues.finish()
        var added = type
        added.provincial = true
        types.append(added)
    }
}
