import Foundation

/// JSON kept in a text column (a session's spec, a result): sorted keys, so the same value
/// is always the same text (the audit log compares texts).
enum JSONCoding {
    static func string<T: Encodable>(_ value: T) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding these value types cannot fail: they hold strings, numbers and ids only.
        return (try? encoder.encode(value)).map { String(decoding: $0, as: UTF8.self) } ?? "null"
    }

    static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
