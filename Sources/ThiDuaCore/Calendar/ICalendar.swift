import Foundation

/// One entry of a year's calendar: a deadline or a meeting, on a day.
public struct CalendarEntry: Hashable, Sendable {
    /// Stable across feeds, so that a subscribed calendar updates rather than duplicates.
    public var uid: String
    public var day: LocalDate
    public var title: String
    public var details: String?
    public var location: String?

    public init(uid: String, day: LocalDate, title: String, details: String? = nil, location: String? = nil) {
        self.uid = uid
        self.day = day
        self.title = title
        self.details = details
        self.location = location
    }
}

/// An iCalendar (RFC 5545) feed of all-day entries that a user can subscribe to.
public enum ICalendar {
    public static func render(name: String, entries: [CalendarEntry], stamp: Date) -> String {
        var lines = [
            "BEGIN:VCALENDAR",
            "VERSION:2.0",
            "PRODID:-//ThiDua//Lich thi dua//VI",
            "CALSCALE:GREGORIAN",
            "METHOD:PUBLISH",
            "X-WR-CALNAME:" + escape(name),
            "X-WR-TIMEZONE:Asia/Ho_Chi_Minh",
        ]
        let stampText = utc(stamp)
        for entry in entries.sorted(by: { ($0.day, $0.uid) < ($1.day, $1.uid) }) {
            lines += [
                "BEGIN:VEVENT",
                "UID:" + escape(entry.uid),
                "DTSTAMP:" + stampText,
                "DTSTART;VALUE=DATE:" + compact(entry.day),
                "DTEND;VALUE=DATE:" + compact(entry.day.nextDay),
                "SUMMARY:" + escape(entry.title),
            ]
            if let details = entry.details { lines.append("DESCRIPTION:" + escape(details)) }
            if let location = entry.location { lines.append("LOCATION:" + escape(location)) }
            lines.append("END:VEVENT")
        }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// Text values escape backslash, semicolon, comma and line breaks (RFC 5545 §3.3.11).
    static func escape(_ text: String) -> String {
        var result = ""
        for character in text.precomposedStringWithCanonicalMapping {
            switch character {
            case "\\": result += "\\\\"
            case ";": result += "\\;"
            case ",": result += "\\,"
            case "\n", "\r\n", "\r": result += "\\n"
            default: result.append(character)
            }
        }
        return result
    }

    /// Lines longer than 75 octets continue on the next line after a space, never inside a
    /// UTF-8 sequence (Vietnamese letters take two or three octets).
    static func fold(_ line: String) -> String {
        var result = ""
        var count = 0
        var limit = 75
        for character in line {
            let size = String(character).utf8.count
            if count + size > limit {
                result += "\r\n "
                count = 0
                limit = 74
            }
            result.append(character)
            count += size
        }
        return result
    }

    static func compact(_ day: LocalDate) -> String { day.iso.replacingOccurrences(of: "-", with: "") }

    static func utc(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }
}
