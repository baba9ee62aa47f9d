import Foundation

/// Thể thức văn bản: the rules both official formats share and those where they differ
/// (Nghị định 30/2020/NĐ-CP for State bodies, Hướng dẫn 36-HD/VPTW for Party bodies). The
/// DOCX writer and the print pages lay out what these rules decide.

/// Loại văn bản: the type code in a document's number (ND 30, Phụ lục III; HD 36 uses the
/// same codes).
public enum DocumentType: String, Sendable, Codable, CaseIterable {
    /// Kế hoạch.
    case plan = "KH"
    /// Hướng dẫn: the scoring table goes out as the bloc's guidance on scoring.
    case guidance = "HD"
    /// Giao ước thi đua. No code in ND 30's list; "GƯTĐ" is what blocs print (VERIFY per province).
    case pact = "GƯTĐ"
    /// Báo cáo, including the summary score and ranking table sent with it.
    case report = "BC"
    /// Biên bản.
    case minutes = "BB"
    /// Tờ trình.
    case proposal = "TTr"

    /// The document's name as its title prints it.
    public var title: String {
        switch self {
        case .plan: "KẾ HOẠCH"
        case .guidance: "HƯỚNG DẪN"
        case .pact: "GIAO ƯỚC THI ĐUA"
        case .report: "BÁO CÁO"
        case .minutes: "BIÊN BẢN"
        case .proposal: "TỜ TRÌNH"
        }
    }
}

/// Số văn bản: a sequence number per issuing unit, type and year.
public struct DocumentNumber: Hashable, Sendable, Codable {
    public static let range = 1...9999

    public var sequence: Int
    public var type: DocumentType
    /// The issuing unit's short name (tên viết tắt), e.g. "BTCTU".
    public var issuer: String

    public init(sequence: Int, type: DocumentType, issuer: String) {
        self.sequence = sequence
        self.type = type
        self.issuer = issuer
    }

    /// "Số: 05/TTr-SLĐTBXH" (State) or "Số 24-BC/BTCTU" (Party); numbers below 10 take a zero.
    public func text(_ style: DocumentStyle) -> String {
        let number = sequence < 10 ? "0\(sequence)" : "\(sequence)"
        switch style {
        case .state: return "Số: \(number)/\(type.rawValue)-\(issuer)"
        case .party: return "Số \(number)-\(type.rawValue)/\(issuer)"
        }
    }

    /// The number line of a draft, with the place for the number left blank.
    public static func blank(type: DocumentType, issuer: String, style: DocumentStyle) -> String {
        switch style {
        case .state: "Số:      /\(type.rawValue)-\(issuer)"
        case .party: "Số      -\(type.rawValue)/\(issuer)"
        }
    }

    /// The next number in a series, given the numbers already issued in it.
    public static func next(after issued: [Int]) throws -> Int {
        let next = (issued.max() ?? 0) + 1
        guard range.contains(next) else {
            throw DomainError.invalid(field: nil, "Sổ văn bản đã đến số \(range.upperBound) trong năm; không cấp thêm số được.")
        }
        return next
    }
}

/// The parts of the header and the signature that depend on the format.
public struct DocumentHeading: Hashable, Sendable {
    public var style: DocumentStyle
    /// Cơ quan chủ quản, caps: "TỈNH ỦY LẠNG SƠN", "UBND TỈNH KON TUM".
    public var superiorBody: String
    /// Cơ quan ban hành, caps, bold: the bloc's name under its head unit.
    public var issuingBody: String
    public var number: String?
    /// "Lạng Sơn, ngày 14 tháng 02 năm 2020".
    public var placeAndDate: String
    /// False for a form that is no văn bản of the register (the blank phiếu bầu): no number
    /// line at all, not even a blank one.
    public var numbered = true

    public init(style: DocumentStyle, superiorBody: String, issuingBody: String, number: String?, placeAndDate: String) {
        self.style = style
        self.superiorBody = superiorBody
        self.issuingBody = issuingBody
        self.number = number
        self.placeAndDate = placeAndDate
    }

    /// Quốc hiệu and tiêu ngữ (State) or the Party's name (Party): the right-hand block.
    public var titleLines: [String] {
        switch style {
        case .state: ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        case .party: ["ĐẢNG CỘNG SẢN VIỆT NAM"]
        }
    }

    /// "TM." / "T/M": signing on behalf of a collective.
    public var onBehalfPrefix: String { style == .state ? "TM." : "T/M" }
    /// "KT." / "K/T": a deputy signing for the head.
    public var forHeadPrefix: String { style == .state ? "KT." : "K/T" }
}

public enum DocumentFormat {
    /// Party bodies write in the Party format. The press followed its owner: a provincial
    /// newspaper was the Tỉnh ủy's organ, a radio-television station was under the UBND (State)
    /// until the press was merged under the Tỉnh ủy on 1 July 2025 (CV 1373); so before that
    /// day a press unit whose superior body is the People's Committee writes in the State format.
    public static let pressUnderPartyFrom = LocalDate(year: 2025, month: 7, day: 1)!

    public static func style(kind: UnitKind, superiorBody: String?, on date: LocalDate) -> DocumentStyle {
        switch kind {
        case .partyAgency: return .party
        case .press:
            guard date < pressUnderPartyFrom else { return .party }
            let superior = VietnameseText.searchKey(superiorBody ?? "")
            let underPeoplesCommittee = superior.contains("uy ban nhan dan") || superior.hasPrefix("ubnd")
            return underPeoplesCommittee ? .state : .party
        default: return kind.documentStyle
        }
    }

    /// "Lạng Sơn, ngày 14 tháng 02 năm 2020": the place is the province (địa danh), not the
    /// venue; days below 10 and months below 3 take a zero (ND 30, HD 36).
    public static func placeAndDate(province: String, date: LocalDate) -> String {
        "\(placeName(province)), \(longDate(date))"
    }

    /// "ngày 14 tháng 02 năm 2020", as a document writes a date (the same zeros).
    public static func longDate(_ date: LocalDate) -> String {
        let day = date.day < 10 ? "0\(date.day)" : "\(date.day)"
        let month = date.month < 3 ? "0\(date.month)" : "\(date.month)"
        return "ngày \(day) tháng \(month) năm \(date.year)"
    }

    /// The province as a place name: without "Tỉnh" / "Thành phố".
    public static func placeName(_ province: String) -> String {
        let name = VietnameseText.normalized(province)
        for prefix in ["Tỉnh ", "tỉnh ", "Thành phố ", "thành phố ", "TP. ", "TP "] where name.hasPrefix(prefix) {
            return String(name.dropFirst(prefix.count))
        }
        return name
    }

    /// The superior body line: the unit's own when it has one, else the province's Party
    /// committee or People's Committee by format. Caps, as the header prints it.
    public static func superiorBody(_ recorded: String?, style: DocumentStyle, province: String) -> String {
        if let recorded, !VietnameseText.normalized(recorded).isEmpty {
            return uppercased(VietnameseText.normalized(recorded))
        }
        switch style {
        case .party: return uppercased("Tỉnh ủy \(placeName(province))")
        case .state: return uppercased("UBND tỉnh \(placeName(province))")
        }
    }

    /// Vietnamese capitals (Foundation's uppercasing keeps the diacritics; "ủy" → "ỦY").
    public static func uppercased(_ text: String) -> String {
        text.uppercased(with: Locale(identifier: "vi_VN")).precomposedStringWithCanonicalMapping
    }
}
