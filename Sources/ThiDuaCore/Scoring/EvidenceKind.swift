import Foundation

/// Minh chứng: the kinds of file a unit may attach, told apart by their content, never by
/// the name the file came with.
public enum EvidenceKind: String, CaseIterable, Sendable, Codable {
    case pdf, docx, xlsx, png, jpeg

    public var mediaType: String {
        switch self {
        case .pdf: "application/pdf"
        case .docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        case .xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        }
    }

    public var fileExtension: String { self == .jpeg ? "jpg" : rawValue }

    public var label: String {
        switch self {
        case .pdf: "PDF"
        case .docx: "Word (DOCX)"
        case .xlsx: "Excel (XLSX)"
        case .png, .jpeg: "Ảnh"
        }
    }

    /// What the bytes are: magic numbers for images; for a PDF also its end and no web page
    /// in its first kilobytes; for DOCX and XLSX an Office Open XML package (`OfficePackage`).
    public static func detect(_ data: Data) -> EvidenceKind? {
        try? identify(data)
    }

    /// The same, saying why bytes that look like a PDF or a ZIP are refused.
    static func identify(_ data: Data) throws -> EvidenceKind? {
        let bytes = [UInt8](data.prefix(8))
        if bytes.starts(with: Array("%PDF-".utf8)) {
            try checkPDF(data)
            return .pdf
        }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) {
            // A real PNG goes on with its header chunk; eight bytes alone are no image.
            guard data.count > 24, data.dropFirst(12).prefix(4).elementsEqual(Array("IHDR".utf8)) else {
                throw OfficePackage.Refusal(reason: "tệp mang dấu PNG nhưng không có phần đầu ảnh (IHDR)")
            }
            return .png
        }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            guard let kind = try OfficePackage.read(data).kind else {
                throw OfficePackage.Refusal(reason: "gói ZIP không có [Content_Types].xml cùng phần chính của Word (word/document.xml) hay Excel (xl/workbook.xml)")
            }
            return kind
        }
        return nil
    }

    /// How far into a PDF a web page is looked for, and how near its end `%%EOF` must be.
    static let pdfHead = 4096, pdfTail = 1024

    /// A PDF ends with `%%EOF` (within its last kilobyte, as the format says) and is not a
    /// web page behind a `%PDF-` header, which a browser would run if it ever sniffed it.
    static func checkPDF(_ data: Data) throws {
        let head = String(decoding: data.prefix(pdfHead), as: UTF8.self).lowercased()
        for marker in ["<html", "<script", "<!doctype html", "<body", "<iframe"] where head.contains(marker) {
            throw OfficePackage.Refusal(reason: "tệp bắt đầu như PDF nhưng chứa mã trang web («\(marker)»)")
        }
        guard data.suffix(pdfTail).range(of: Data("%%EOF".utf8)) != nil else {
            throw OfficePackage.Refusal(reason: "tệp bắt đầu như PDF nhưng không có phần kết thúc (%%EOF) của PDF")
        }
        // A report needs no script and launches nothing: actions a reader would run are refused.
        for action in ["/JavaScript", "/JS ", "/JS(", "/JS<", "/Launch"] where data.range(of: Data(action.utf8)) != nil {
            throw OfficePackage.Refusal(reason: "tệp PDF chứa lệnh tự chạy («\(action.trimmingCharacters(in: .whitespaces))»)")
        }
    }

    /// Tên tệp: at most 255 bytes in UTF-8, what every file system allows. A longer name is
    /// refused rather than cut, so that the name in the list is the one the unit chose.
    public static let maximumNameBytes = 255

    /// Only the file's own name counts: a path sent with it ("../../x.pdf", "C:\\x.pdf") is dropped.
    public static func ownName(_ name: String) -> String {
        (name.replacingOccurrences(of: "\\", with: "/") as NSString).lastPathComponent
    }

    /// Checks an upload: within the size limit, a name within bounds and without hidden
    /// characters, of an accepted kind, and what its name says it is. Returns the kind found.
    public static func check(_ data: Data, name sent: String, limit: Int) throws -> EvidenceKind {
        let name = ownName(sent)
        let shown = TextRules.excerpt(name, maximum: 80)
        var issues = IssueCollector()
        issues.check(!name.trimmingWhitespace.isEmpty && name != "." && name != "..", field: "file",
                     "Tệp tải lên cần có tên (ví dụ bao-cao.pdf).")
        TextRules.checkCharacters(name, field: "file", label: "Tên tệp «\(shown)»", into: &issues)
        let bytes = VietnameseText.normalized(name).utf8.count
        issues.check(bytes <= maximumNameBytes, field: "file",
                     "Tên tệp «\(shown)» dài \(bytes) byte, vượt giới hạn \(maximumNameBytes) byte; hãy đặt tên ngắn hơn rồi tải lại.")
        try issues.finish()
        let claimed = (name as NSString).pathExtension.lowercased()
        return try check(data, shown: shown, claimed: claimed, limit: limit)
    }

    private static func check(_ data: Data, shown name: String, claimed: String, limit: Int) throws -> EvidenceKind {
        guard !data.isEmpty else { throw DomainError.invalid(field: "file", "Tệp «\(name)» rỗng.") }
        guard data.count <= limit else {
            throw DomainError.invalid(field: "file",
                "Tệp «\(name)» dung lượng \(megabytes(data.count)) MB, vượt giới hạn \(megabytes(limit)) MB.")
        }
        let found: EvidenceKind?
        do {
            found = try identify(data)
        } catch let refusal as OfficePackage.Refusal {
            throw DomainError.invalid(field: "file", "Tệp «\(name)» không được nhận: \(refusal.reason). Hãy tải đúng tệp minh chứng.")
        }
        guard let kind = found else {
            let what = claimed.isEmpty ? "" : " (tên tệp ghi .\(claimed) nhưng nội dung không phải)"
            throw DomainError.invalid(field: "file",
                "Tệp «\(name)» không phải PDF, DOCX, XLSX, PNG hay JPEG\(what). Hãy tải đúng tệp minh chứng.")
        }
        let aliases: [EvidenceKind: Set<String>] = [.jpeg: ["jpg", "jpeg"], .pdf: ["pdf"], .docx: ["docx"], .xlsx: ["xlsx"], .png: ["png"]]
        if !claimed.isEmpty, !(aliases[kind]!.contains(claimed)) {
            throw DomainError.invalid(field: "file",
                "Tệp «\(name)» mang đuôi .\(claimed) nhưng nội dung là \(kind.label); hãy đổi đúng tên hoặc chọn đúng tệp.")
        }
        return kind
    }

    /// The Content-Disposition of a download: an ASCII fallback (diacritics dropped) and the
    /// exact name per RFC 5987 (`filename*=UTF-8''…`). Safe for any stored name: hidden and
    /// control characters are dropped (no header can be split) and the name is cut to
    /// `maximumNameBytes`, keeping its extension.
    public static func contentDisposition(name: String, kind: EvidenceKind?) -> String {
        var clean = String(String.UnicodeScalarView(VietnameseText.normalized(name).unicodeScalars.filter {
            TextRules.forbiddenCharacter(in: String($0)) == nil && $0 != "/" && $0 != "\\"
        }))
        if clean.utf8.count > maximumNameBytes {
            let ext = (clean as NSString).pathExtension
            let suffix = ext.isEmpty || ext.utf8.count > 16 ? "" : "." + ext
            var stem = Substring(suffix.isEmpty ? clean : String(clean.dropLast(suffix.count)))
            while stem.utf8.count + suffix.utf8.count > maximumNameBytes { stem = stem.dropLast() }
            clean = String(stem) + suffix
        }
        if clean.isEmpty { clean = "minh-chung" + (kind.map { ".\($0.fileExtension)" } ?? "") }
        let ascii = clean.folding(options: [.diacriticInsensitive], locale: Locale(identifier: "en_US_POSIX"))
            .replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .unicodeScalars.filter { $0.isASCII && $0.value >= 0x20 && $0 != "\"" && $0 != "\\" && $0 != "%" }
            .map(String.init).joined()
        // RFC 5987 attr-char: letters, digits and !#$&+-.^_`|~ stay; everything else is %XX.
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "!#$&+-.^_`|~")
        let encoded = clean.addingPercentEncoding(withAllowedCharacters: allowed) ?? ""
        return "attachment; filename=\"\(ascii)\"; filename*=UTF-8''\(encoded)"
    }

    /// "1,5 MB", as a page says a file's size.
    /// A file's size as an officer reads it: "12 KB" below a megabyte, "1,5 MB" above.
    public static func megabytesText(_ bytes: Int) -> String {
        bytes < 1_048_576 ? "\(max(1, (bytes + 1023) / 1024)) KB" : megabytes(bytes) + " MB"
    }

    static func megabytes(_ bytes: Int) -> String {
        let value = Double(bytes) / 1_048_576
        return String(format: "%.1f", value).replacingOccurrences(of: ".", with: ",")
    }
}
