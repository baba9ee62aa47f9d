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

    /// What the bytes are: magic numbers for PDF and images; for DOCX and XLSX a ZIP whose
    /// entries include the main part of a Word document or an Excel workbook.
    public static func detect(_ data: Data) -> EvidenceKind? {
        let bytes = [UInt8](data.prefix(8))
        if bytes.starts(with: Array("%PDF-".utf8)) { return .pdf }
        if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if bytes.starts(with: [0x50, 0x4B, 0x03, 0x04]) {
            // Entry names are stored as plain bytes in the local headers and the central
            // directory; a document carries "[Content_Types].xml" and its main part.
            guard data.range(of: Data("[Content_Types].xml".utf8)) != nil else { return nil }
            if data.range(of: Data("word/document.xml".utf8)) != nil { return .docx }
            if data.range(of: Data("xl/workbook.xml".utf8)) != nil { return .xlsx }
        }
        return nil
    }

    /// Checks an upload: within the size limit, of an accepted kind, and what its name says
    /// it is. Returns the kind found.
    public static func check(_ data: Data, name: String, limit: Int) throws -> EvidenceKind {
        guard !data.isEmpty else { throw DomainError.invalid(field: "file", "Tệp «\(name)» rỗng.") }
        guard data.count <= limit else {
            throw DomainError.invalid(field: "file",
                "Tệp «\(name)» dung lượng \(megabytes(data.count)) MB, vượt giới hạn \(megabytes(limit)) MB.")
        }
        let claimed = (name as NSString).pathExtension.lowercased()
        guard let kind = detect(data) else {
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
