import Foundation

/// Where the site may send a browser after sign-in (`?tiep=`): only a path of this site.
/// Browsers drop tabs and newlines from URLs and read a backslash as a slash, so
/// `/\t/evil.example` or `/\evil.example` would become `//evil.example`, another origin.
public enum RedirectTarget {
    /// The longest path followed; longer ones are refused rather than cut.
    public static let maximumLength = 2048

    /// The path itself when it is a same-origin path, nil otherwise. The text must be
    /// printable ASCII without spaces (a path this site makes is percent-encoded), and it and
    /// every percent-decoding of it must start with a single `/` and hold no control or
    /// invisible character and no backslash.
    public static func sameOriginPath(_ text: String?) -> String? {
        guard let text, !text.isEmpty, text.utf8.count <= maximumLength,
              text.unicodeScalars.allSatisfy({ (0x21...0x7E).contains($0.value) }) else { return nil }
        var layer = text
        // Each round undoes one level of percent-encoding; a few levels are plenty for a
        // real path, and the loop is bounded whatever the input.
        for _ in 0..<4 {
            guard isPlainPath(layer) else { return nil }
            guard let decoded = layer.removingPercentEncoding else { return nil }
            if decoded == layer { return text }
            layer = decoded
        }
        return nil
    }

    private static func isPlainPath(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.first == "/" else { return false }
        if scalars.count > 1, scalars[1] == "/" || scalars[1] == "\\" { return false }
        return scalars.allSatisfy { scalar in
            let value = scalar.value
            if value < 0x20 || (0x7F...0x9F).contains(value) || scalar == "\\" { return false }
            // Invisible formatting (zero-width, bidi controls) that a browser may drop.
            return scalar.properties.generalCategory != .format
        }
    }
}
