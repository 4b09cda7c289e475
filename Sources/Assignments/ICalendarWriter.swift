import Foundation
import RencaiCore

/// Writes a plan's deadlines as an RFC 5545 calendar: one all-day VEVENT per deadline, CRLF line endings,
/// lines folded at 75 octets (never inside a UTF-8 sequence), and TEXT values escaped.
///
/// UIDs are stable: they derive from the hire, the action, and the leg's city and start day, so importing a
/// revised plan updates the events instead of duplicating them, even when a due date moves.
///
/// ```swift
/// let ics = ICalendarWriter().calendar(for: report)
/// try AtomicFile.write(ics, to: URL(fileURLWithPath: "plan.ics"))
/// ```
public struct ICalendarWriter: Sendable {
    /// DTSTAMP of every event (the time the calendar was written).
    public let stamp: Date

    public init(stamp: Date = Date()) { self.stamp = stamp }

    public func calendar(for report: PlanReport) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//rencai//assignment plan//EN", "CALSCALE:GREGORIAN",
                     "METHOD:PUBLISH", "X-WR-CALNAME:" + Self.escape("rencai plan: \(report.hire.name) (\(report.hire.employeeID))")]
        let stampText = Self.utcStamp(stamp)
        for plan in report.legs {
            for action in plan.actions {
                let leg = plan.leg
                var description = "\(action.title). Leg: \(leg.city), \(leg.province), \(leg.start) to \(leg.end). Due: \(action.period)."
                if let opens = action.opens { description += " Window opens \(opens)." }
                if let note = action.note { description += " \(note)." }
                description += "\nBasis: \(action.provenance.citation)"
                lines += [
                    "BEGIN:VEVENT",
                    "UID:" + Self.uid(employeeID: report.hire.employeeID, action: action.action, city: leg.city, legStart: leg.start),
                    "DTSTAMP:" + stampText,
                    "DTSTART;VALUE=DATE:" + Self.compact(action.due),
                    "DTEND;VALUE=DATE:" + Self.compact(action.due.adding(days: 1)),
                    "SUMMARY:" + Self.escape("\(report.hire.name): \(action.action) (\(leg.city))"),
                    "DESCRIPTION:" + Self.escape(description),
                    "CATEGORIES:" + Self.escape(action.unit.label),
                    "TRANSP:TRANSPARENT",
                    "END:VEVENT",
                ]
            }
        }
        lines.append("END:VCALENDAR")
        return lines.map(Self.fold).joined(separator: "\r\n") + "\r\n"
    }

    /// `rencai-E003-work_permit_change-shenzhen-20270301-1a2b3c4d@rencai`: readable, plus a hash of the parts
    /// so that ids with unusual characters stay unique.
    static func uid(employeeID: String, action: String, city: String, legStart: Day) -> String {
        let key = "\(employeeID)|\(action)|\(city)|\(legStart)"
        func clean(_ s: String) -> String {
            String(s.lowercased().unicodeScalars.map { ($0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "_")) ? Character($0) : "-" })
        }
        return "rencai-\(clean(employeeID))-\(action)-\(clean(city))-\(compact(legStart))-\(fnv1a(key))@rencai"
    }

    /// FNV-1a, 64 bits, as 16 hex digits: stable across runs and platforms (unlike `Hasher`).
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return String(format: "%016llx", hash)
    }

    static func compact(_ day: Day) -> String { String(format: "%04d%02d%02d", day.year, day.month, day.day) }

    static func utcStamp(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        return formatter.string(from: date)
    }

    /// RFC 5545 §3.3.11: backslash, semicolon, comma and newline are escaped in TEXT values.
    static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            default: out.append(ch)
            }
        }
        return out
    }

    /// RFC 5545 §3.1: lines longer than 75 octets continue on the next line after CRLF and one space.
    static func fold(_ line: String) -> String {
        var result = ""
        var current = 0
        var limit = 75
        for scalar in line.unicodeScalars {
            let size = String(scalar).utf8.count
            if current + size > limit {
                result += "\r\n "
                current = 0
                limit = 74 // the leading space counts toward the 75 octets
            }
            result.unicodeScalars.append(scalar)
            current += size
        }
        return result
    }
}
