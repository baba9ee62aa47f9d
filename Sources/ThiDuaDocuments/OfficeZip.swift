import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import ZIPFoundation

/// The ZIP package under DOCX and XLSX (Open Packaging Conventions), in memory.
enum OfficeZip {
    /// Writes the parts, in order ([Content_Types].xml first, as Office expects), deflated.
    static func write(_ parts: [(path: String, xml: String)]) throws -> Data {
        let archive = try Archive(accessMode: .create)
        for part in parts {
            let data = Data(part.xml.utf8)
            try archive.addEntry(with: part.path, type: .file, uncompressedSize: Int64(data.count),
                                 modificationDate: fixedDate, compressionMethod: .deflate) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        guard let data = archive.data else { throw OfficeFileError.unreadable("không tạo được tệp nén") }
        return data
    }

    /// A fixed time stamp, so that the same document gives the same bytes (and hash).
    static let fixedDate = Date(timeIntervalSince1970: 1_577_836_800)

    /// Reads every part up to `limit` bytes in all: a ZIP bomb is refused before it is inflated.
    static func read(_ data: Data, limit: UInt64) throws -> [String: Data] {
        let archive: Archive
        do {
            archive = try Archive(data: data, accessMode: .read)
        } catch {
            throw OfficeFileError.notAPackage
        }
        var total: UInt64 = 0
        var parts: [String: Data] = [:]
        for entry in archive where entry.type == .file {
            let (sum, overflow) = total.addingReportingOverflow(entry.uncompressedSize)
            guard !overflow, sum <= limit else { throw OfficeFileError.tooLarge(limit) }
            total = sum
            var bytes = Data()
            bytes.reserveCapacity(Int(entry.uncompressedSize))
            do {
                _ = try archive.extract(entry) { chunk in
                    guard UInt64(bytes.count + chunk.count) <= entry.uncompressedSize else {
                        throw OfficeFileError.tooLarge(limit)
                    }
                    bytes.append(chunk)
                }
            } catch let error as OfficeFileError {
                throw error
            } catch {
                throw OfficeFileError.unreadable(entry.path)
            }
            parts[entry.path] = bytes
        }
        return parts
    }
}

/// Why an office file could not be read, in Vietnamese for the import preview.
public enum OfficeFileError: Error, Equatable, CustomStringConvertible {
    case notAPackage
    case missingPart(String)
    case unreadable(String)
    case tooLarge(UInt64)
    case tooManyRows(Int)
    case cellTooLong(Int)

    public var description: String {
        switch self {
        case .notAPackage: "Tệp không phải là tệp Excel (.xlsx) hay Word (.docx): không mở được gói nén."
        case .missingPart(let part): "Tệp thiếu phần «\(part)»; có thể tệp bị hỏng hoặc không phải .xlsx."
        case .unreadable(let part): "Không đọc được phần «\(part)» của tệp."
        case .tooLarge(let limit): "Tệp khi giải nén vượt quá \(limit / 1_048_576) MB; hãy chia nhỏ tệp."
        case .tooManyRows(let limit): "Tệp có hơn \(limit) dòng; hãy chia nhỏ tệp."
        case .cellTooLong(let limit): "Tệp có ô dài hơn \(limit) ký tự (giới hạn một ô của Excel): không phải danh sách để nhập."
        }
    }
}

/// Text as XML character data or attribute value. Characters XML 1.0 forbids (C0 controls
/// other than tab and line breaks) are dropped rather than written into a broken file.
func xmlEscaped(_ text: String) -> String {
    var result = ""
    result.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        case "'": result += "&apos;"
        case "\t", "\n", "\r": result.unicodeScalars.append(scalar)
        default:
            if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
            result.unicodeScalars.append(scalar)
        }
    }
    return result
}

/// A small event parser collecting elements, for the parts the reader needs.
final class XMLCollector: NSObject, XMLParserDelegate {
    struct Element {
        var name: String
        var attributes: [String: String]
    }
    var onStart: (Element) -> Void = { _ in }
    var onEnd: (String, String) -> Void = { _, _ in }
    private var text = ""
    private var textLength = 0
    private var failure: OfficeFileError?
    private weak var parser: XMLParser?

    /// Characters an element's text may hold: Excel's limit for a cell. A file built to hold
    /// one cell of millions of characters is refused as soon as it passes it, not read whole.
    static let maximumTextCharacters = XlsxReader.maximumCellCharacters

    /// Stops the parse; `parse` throws `error`.
    func fail(_ error: OfficeFileError) {
        failure = failure ?? error
        parser?.abortParsing()
    }

    func parse(_ data: Data) throws {
        // From a stream, the parser is fed in chunks: given the whole part at once, libxml2
        // refuses a part above its 10 MB lookup limit (a sheet of some 20 000 rows).
        let parser = XMLParser(stream: InputStream(data: data))
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        parser.delegate = self
        self.parser = parser
        let parsed = parser.parse()
        if let failure { throw failure }
        guard parsed else { throw OfficeFileError.unreadable(parser.parserError.map { "\($0)" } ?? "XML") }
    }

    func parser(_ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?,
                qualifiedName qName: String?, attributes attributeDict: [String: String] = [:]) {
        text = ""
        textLength = 0
        onStart(Element(name: Self.local(elementName), attributes: attributeDict))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard failure == nil else { return }
        textLength += string.utf16.count
        guard textLength <= Self.maximumTextCharacters else { return fail(.cellTooLong(Self.maximumTextCharacters)) }
        text += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        onEnd(Self.local(elementName), text)
        text = ""
        textLength = 0
    }

    /// "x:c" → "c": some writers prefix the main namespace.
    static func local(_ name: String) -> String {
        name.firstIndex(of: ":").map { String(name[name.index(after: $0)...]) } ?? name
    }
}
