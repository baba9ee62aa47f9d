import Foundation
import Testing
@testable import ThiDuaCore

/// Minh chứng: what a file is comes from its structure, never from bytes it happens to hold.
@Suite struct EvidenceTests {
    let limit = 20 * 1_048_576

    func refusal(_ data: Data, name: String) -> String? {
        do {
            _ = try EvidenceKind.check(data, name: name, limit: limit)
            return nil
        } catch let error as DomainError {
            #expect(error.issues.map(\.field) == ["file"])
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func realPackagesPass() throws {
        #expect(try EvidenceKind.check(ZipBuilder.docx().build(), name: "Báo cáo.docx", limit: limit) == .docx)
        var xlsx = ZipBuilder()
        xlsx.add("[Content_Types].xml")
        xlsx.add("xl/workbook.xml")
        xlsx.add("xl/worksheets/sheet1.xml")
        #expect(try EvidenceKind.check(xlsx.build(), name: "so-lieu.xlsx", limit: limit) == .xlsx)
        #expect(try EvidenceKind.check(openpyxlWorkbook, name: "openpyxl.xlsx", limit: limit) == .xlsx)
    }

    @Test func entryNamesInsideDataDoNotMakeADocument() {
        var zip = ZipBuilder()
        zip.add("readme.txt", "[Content_Types].xml word/document.xml")
        #expect(EvidenceKind.detect(zip.build()) == nil)
        #expect(refusal(zip.build(), name: "a.docx")?.contains("word/document.xml") == true)
    }

    @Test func executableHTMLAndMacroPartsAreRefused() {
        for part in ["setup.exe", "word/index.html", "word/page.HTM", "run.ps1", "word/vbaProject.bin", "lib/x.dll", "a.js"] {
            let message = refusal(ZipBuilder.docx(adding: [part]).build(), name: "a.docx")
            #expect(message?.contains("tệp chạy được, trang web hay macro") == true, "\(part)")
        }
    }

    @Test func unsafeAndDuplicateEntryNamesAreRefused() {
        for part in ["../evil.xml", "/etc/passwd", "word\\x.xml", "word/\u{202E}lmx.exe"] {
            #expect(refusal(ZipBuilder.docx(adding: [part]).build(), name: "a.docx")?.contains("không an toàn") == true, "\(part)")
        }
        #expect(refusal(ZipBuilder.docx(adding: ["word/document.xml"]).build(), name: "a.docx")?.contains("hai mục cùng tên") == true)
    }

    @Test func aBombIsRefusedByItsDeclaredSize() {
        var zip = ZipBuilder.docx()
        // A small deflated entry that says it unpacks to 1 GiB.
        zip.add("word/media/big.xml", "small", declaredSize: 1 << 30, method: 8)
        #expect(refusal(zip.build(), name: "a.docx")?.contains("giải nén vượt 200 MB") == true)
        var many = ZipBuilder.docx()
        // Together over the bound, each one under it.
        for index in 0..<3 { many.add("word/media/part\(index).xml", "x", declaredSize: 80 * 1_048_576, method: 8) }
        #expect(refusal(many.build(), name: "a.docx")?.contains("giải nén vượt") == true)
    }

    @Test func tooManyEntriesAreRefused() {
        var zip = ZipBuilder.docx()
        for index in 0..<OfficePackage.maximumEntries { zip.add("word/p\(index).xml", "") }
        #expect(refusal(zip.build(), name: "a.docx")?.contains("vượt giới hạn 10000") == true)
    }

    @Test func inconsistentHeadersAreRefused() {
        var renamed = ZipBuilder.docx()
        renamed.entries[2].localName = "word/documenx.xml"
        #expect(refusal(renamed.build(), name: "a.docx")?.contains("không khớp mục lục") == true)
        var shifted = ZipBuilder.docx()
        shifted.directoryOffsetShift = 4
        #expect(refusal(shifted.build(), name: "a.docx")?.contains("không khớp vị trí") == true)
        var stored = ZipBuilder.docx()
        stored.entries[1].declaredSize = 999
        #expect(refusal(stored.build(), name: "a.docx")?.contains("không nhất quán") == true)
        var zip64 = ZipBuilder.docx().build()
        let end = zip64.count - 22
        zip64.replaceSubrange((end + 16)..<(end + 20), with: [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(refusal(zip64, name: "a.docx")?.contains("ZIP64") == true)
        #expect(refusal(ZipBuilder.docx().build().dropLast(3), name: "a.docx")?.contains("mục lục") == true)
    }

    @Test func overlappingEntriesAreRefused() {
        // The first entry's sizes are stretched over the second's header and data.
        var zip = ZipBuilder.docx()
        let built = zip.build()
        let second = 30 + zip.entries[0].name.utf8.count + zip.entries[0].data.count
        let stretched = second + 30 + zip.entries[1].name.utf8.count + zip.entries[1].data.count
        zip.entries[0].data = built.subdata(in: 30 + zip.entries[0].name.utf8.count..<stretched)
        // Rebuilding would move the others; patch the directory of the first build instead.
        var patched = built
        let directory = built.count - 22 - zip.entries.reduce(0) { $0 + 46 + $1.name.utf8.count }
        let size = zip.entries[0].data.count
        for field in [20, 24] {
            patched.replaceSubrange((directory + field)..<(directory + field + 4),
                                    with: [UInt8(size & 0xFF), UInt8(size >> 8 & 0xFF), 0, 0])
        }
        #expect(refusal(patched, name: "a.docx")?.contains("chồng lên nhau") == true)
    }

    @Test func aWebPageBehindAPDFHeaderIsRefused() {
        let demo = Data("%PDF-1.4\n1 0 obj\n<< >>\nendobj\ntrailer\n<< >>\n%%EOF\n".utf8)
        #expect(EvidenceKind.detect(demo) == .pdf)
        #expect(refusal(Data("%PDF-1.4\n<!DOCTYPE html><html><script>alert(1)</script>\n%%EOF".utf8), name: "a.pdf")?
            .contains("mã trang web") == true)
        #expect(refusal(Data("%PDF-1.4\n<SCRIPT>x</SCRIPT>%%EOF".utf8), name: "a.pdf") != nil)
        #expect(refusal(Data("%PDF-1.4\n1 0 obj\n<< >>\nendobj\n".utf8), name: "a.pdf")?.contains("%%EOF") == true)
        // %%EOF only far from the end is not the end of a PDF.
        let padded = Data("%PDF-1.4\n%%EOF\n".utf8) + Data(repeating: 0x20, count: 4096)
        #expect(refusal(padded, name: "a.pdf")?.contains("%%EOF") == true)
    }

    @Test func fileNamesAreBoundedAndVisible() {
        let pdf = Data("%PDF-1.4\n%%EOF\n".utf8)
        let fits = String(repeating: "ệ", count: 83) + ".pdf" // 83 × 3 + 4 = 253 bytes
        #expect(refusal(pdf, name: fits) == nil)
        let long = String(repeating: "ệ", count: 1_700) + ".pdf"
        let message = refusal(pdf, name: long)
        #expect(message?.contains("vượt giới hạn 255 byte") == true)
        #expect((message?.utf8.count ?? .max) < 1_000)
        #expect(refusal(pdf, name: "bao-cao\u{202E}fdp.exe.pdf")?.contains("đảo chiều") == true)
        #expect(refusal(pdf, name: "bao\u{0}cao.pdf")?.contains("điều khiển") == true)
    }

    @Test func contentDispositionIsBoundedAndCannotSplitAHeader() {
        let value = EvidenceKind.contentDisposition(name: String(repeating: "Báo cáo ", count: 700) + "năm.pdf", kind: .pdf)
        #expect(value.utf8.count < 2_000)
        #expect(value.contains(".pdf\"; filename*=UTF-8''"))
        #expect(value.hasSuffix(".pdf"))
        let hostile = EvidenceKind.contentDisposition(name: "a\r\nSet-Cookie: x=1\"; b.pdf", kind: .pdf)
        #expect(!hostile.contains("\r") && !hostile.contains("\n"))
        #expect(hostile == "attachment; filename=\"a Set-Cookie: x=1; b.pdf\"; filename*=UTF-8''a%20Set-Cookie%3A%20x%3D1%22%3B%20b.pdf")
        #expect(EvidenceKind.contentDisposition(name: "Đánh giá.docx", kind: .docx)
            == "attachment; filename=\"Danh gia.docx\"; filename*=UTF-8''%C4%90%C3%A1nh%20gi%C3%A1.docx")
        #expect(EvidenceKind.contentDisposition(name: "\u{202E}", kind: .pdf) == "attachment; filename=\"minh-chung.pdf\"; filename*=UTF-8''minh-chung.pdf")
    }

    @Test func scriptsInAPDFAnEmptyPNGAndAPathOrNoNameAreRefused() {
        let pdf = Data("%PDF-1.4\n1 0 obj << /Type /Catalog /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >> endobj\n%%EOF\n".utf8)
        #expect(refusal(pdf, name: "bao-cao.pdf")?.contains("lệnh tự chạy") == true)
        let bare = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        #expect(refusal(bare, name: "anh.png")?.contains("IHDR") == true)
        let plain = Data("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n".utf8)
        #expect(refusal(plain, name: "") != nil)
        #expect(refusal(plain, name: "../../etc/bao-cao.pdf") == nil)
        #expect(EvidenceKind.ownName("../../etc/bao-cao.pdf") == "bao-cao.pdf")
        #expect(EvidenceKind.ownName("C:\\Users\\to\\Báo cáo.pdf") == "Báo cáo.pdf")
    }
}
