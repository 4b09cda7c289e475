import Foundation

/// Parses `Retry-After`: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
public enum RetryAfter {
    /// Seconds to wait from `now`, nil when absent or unparseable; a date in the past is 0.
    public static func seconds(_ value: String?, now: Date = Date()) -> Double? {
        guard let value = value?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { return nil }
        if let seconds = Int(value) { return seconds >= 0 ? Double(seconds) : nil }
        guard let date = HTTPDate.parse(value) else { return nil }
        return max(0, date.timeIntervalSince(now))
    }
}

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the only date format servers should send.
public enum HTTPDate {
    private static func formatter() -> DateFormatter {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f
    }

    public static func parse(_ text: String) -> Date? { formatter().date(from: text) }

    public static func format(_ date: Date) -> String { formatter().string(from: date) }
}
