import Foundation

/// Gói Office Open XML: what a DOCX or an XLSX is inside, read from the ZIP's central
/// directory (never from byte patterns, which any ZIP can carry). Nothing is unpacked: the
/// checks use the sizes the archive declares, so a file that would unpack to gigabytes is
/// refused before anyone opens it.
public struct OfficePackage: Hashable, Sendable {
    public struct Entry: Hashable, Sendable {
        public var name: String
        public var method: UInt16
        public var compressedSize: Int
        public var uncompressedSize: Int
        public var localHeaderOffset: Int
    }

    public var entries: [Entry]

    /// Most entries a package may hold (a long report has a few hundred).
    public static let maximumEntries = 10_000
    /// Most bytes its entries may declare once unpacked, all together.
    public static let maximumUnpackedSize = 200 * 1_048_576
    /// Parts that make a document run code or a page: never in an evidence file.
    public static let forbiddenExtensions: Set<String> = [
        "exe", "dll", "js", "html", "htm", "xhtml", "hta", "vbs", "bat", "cmd", "com", "scr", "ps1", "jar", "msi", "sh",
    ]
    /// Macros (vbaProject.bin) belong to .docm and .xlsm, not to the kinds accepted here.
    public static let forbiddenNames: Set<String> = ["vbaproject.bin"]

    /// Why bytes are not a package ThiDua accepts, in Vietnamese.
    public struct Refusal: Error, Hashable, Sendable {
        public var reason: String
    }

    /// The kind of document, from its main part.
    public var kind: EvidenceKind? {
        let names = Set(entries.map(\.name))
        guard names.contains("[Content_Types].xml") else { return nil }
        switch (names.contains("word/document.xml"), names.contains("xl/workbook.xml")) {
        case (true, false): return .docx
        case (false, true): return .xlsx
        default: return nil
        }
    }

    /// Reads the end-of-central-directory record and every central directory entry, and
    /// checks each against its local header: one disk, no ZIP64, no overlapping or
    /// out-of-bounds entries, no duplicate or escaping names, no encrypted entries, sizes and
    /// counts within bounds, no executable, HTML or macro parts.
    public static func read(_ data: Data) throws -> OfficePackage {
        let bytes = [UInt8](data)
        func refuse(_ reason: String) -> Refusal { Refusal(reason: reason) }
        func u16(_ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
        func u32(_ at: Int) -> Int { u16(at) | u16(at + 2) << 16 }
        let eocdSize = 22
        guard bytes.count >= eocdSize else { throw refuse("tệp quá ngắn để là một gói ZIP") }
        // The record sits at the end, after at most a 65 535-byte comment.
        var eocd: Int?
        var at = bytes.count - eocdSize
        let earliest = max(0, bytes.count - eocdSize - 0xFFFF)
        while at >= earliest {
            if u32(at) == 0x0605_4B50, at + eocdSize + u16(at + 20) == bytes.count { eocd = at; break }
            at -= 1
        }
        guard let eocd else { throw refuse("không tìm thấy mục lục (central directory) của gói ZIP") }
        let (disk, cdDisk, onDisk, total) = (u16(eocd + 4), u16(eocd + 6), u16(eocd + 8), u16(eocd + 10))
        let (cdSize, cdOffset) = (u32(eocd + 12), u32(eocd + 16))
        if total == 0xFFFF || cdSize == 0xFFFF_FFFF || cdOffset == 0xFFFF_FFFF
            || (eocd >= 20 && u32(eocd - 20) == 0x0706_4B50) {
            throw refuse("gói dùng ZIP64, điều mà một tài liệu Office thông thường không cần")
        }
        guard disk == 0, cdDisk == 0, onDisk == total else { throw refuse("gói ZIP chia nhiều phần") }
        guard total <= maximumEntries else { throw refuse("gói có \(total) mục, vượt giới hạn \(maximumEntries)") }
        guard cdOffset + cdSize == eocd else { throw refuse("mục lục của gói ZIP không khớp vị trí khai báo") }
        var entries: [Entry] = []
        var names = Set<String>()
        var unpacked = 0
        var cursor = cdOffset
        for _ in 0..<total {
            guard cursor + 46 <= eocd, u32(cursor) == 0x0201_4B50 else { throw refuse("mục lục của gói ZIP bị hỏng") }
            let (flags, method) = (u16(cursor + 8), UInt16(u16(cursor + 10)))
            let (compressed, size) = (u32(cursor + 20), u32(cursor + 24))
            let (nameLength, extraLength, commentLength) = (u16(cursor + 28), u16(cursor + 30), u16(cursor + 32))
            let (diskStart, offset) = (u16(cursor + 34), u32(cursor + 42))
            let end = cursor + 46 + nameLength + extraLength + commentLength
            guard end <= eocd, diskStart == 0 else { throw refuse("mục lục của gói ZIP bị hỏng") }
            guard compressed != 0xFFFF_FFFF, size != 0xFFFF_FFFF, offset != 0xFFFF_FFFF else {
                throw refuse("gói dùng ZIP64, điều mà một tài liệu Office thông thường không cần")
            }
            guard flags & 0x0001 == 0 else { throw refuse("gói có mục được mã hóa") }
            guard method == 0 || method == 8 else { throw refuse("gói dùng cách nén không thông dụng (\(method))") }
            guard method != 0 || compressed == size else { throw refuse("kích thước một mục của gói không nhất quán") }
            let nameBytes = Array(bytes[(cursor + 46)..<(cursor + 46 + nameLength)])
            guard let name = String(validating: nameBytes, as: UTF8.self), !name.isEmpty else {
                throw refuse("gói có tên mục không đọc được")
            }
            try checkName(name)
            guard names.insert(name).inserted else { throw refuse("gói có hai mục cùng tên «\(TextRules.excerpt(name))»") }
            // The local header must agree on the name, and the data must lie before the directory.
            guard offset + 30 <= cdOffset, u32(offset) == 0x0403_4B50 else { throw refuse("một mục của gói ZIP bị hỏng") }
            let (localNameLength, localExtraLength) = (u16(offset + 26), u16(offset + 28))
            let dataStart = offset + 30 + localNameLength + localExtraLength
            guard localNameLength == nameLength, dataStart <= cdOffset,
                  Array(bytes[(offset + 30)..<(offset + 30 + nameLength)]) == nameBytes,
                  dataStart + compressed <= cdOffset else {
                throw refuse("một mục của gói ZIP không khớp mục lục")
            }
            unpacked += size
            guard unpacked <= maximumUnpackedSize else {
                throw refuse("gói khi giải nén vượt \(maximumUnpackedSize / 1_048_576) MB")
            }
            entries.append(Entry(name: name, method: method, compressedSize: compressed, uncompressedSize: size,
                                 localHeaderOffset: offset))
            cursor = end
        }
        guard cursor == eocd else { throw refuse("mục lục của gói ZIP không khớp số mục khai báo") }
        // No two entries share bytes: overlapping entries are how small files unpack to huge ones.
        let ordered = entries.sorted { $0.localHeaderOffset < $1.localHeaderOffset }
        for (entry, next) in zip(ordered, ordered.dropFirst()) {
            let dataEnd = entry.localHeaderOffset + 30 + u16(entry.localHeaderOffset + 26) + u16(entry.localHeaderOffset + 28)
                + entry.compressedSize
            guard dataEnd <= next.localHeaderOffset else { throw refuse("các mục của gói ZIP chồng lên nhau") }
        }
        return OfficePackage(entries: entries)
    }

    static func checkName(_ name: String) throws {
        let parts = name.split(separator: "/", omittingEmptySubsequences: false)
        if name.hasPrefix("/") || name.contains("\\") || parts.contains("..") || TextRules.forbiddenCharacter(in: name) != nil {
            throw Refusal(reason: "gói có tên mục không an toàn «\(TextRules.excerpt(name))»")
        }
        let last = (parts.last.map(String.init) ?? "").lowercased()
        let ext = (last as NSString).pathExtension
        if forbiddenExtensions.contains(ext) || forbiddenNames.contains(last) {
            throw Refusal(reason: "gói chứa «\(TextRules.excerpt(name))», một tệp chạy được, trang web hay macro")
        }
    }
}
