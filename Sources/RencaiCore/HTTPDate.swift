import Foundation

/// IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the only date format HTTP servers should send: read
/// in `Retry-After` and `Last-Modified`, written by the sample portal. One formatter, behind a lock,
/// because building a DateFormatter per response is costly.
public enum HTTPDate {
    private static let formatter: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "GMT")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss 'GMT'"
        return f
    }()
    private static let lock = NSLock()

    public static func parse(_ text: String) -> Date? { lock.withLock { formatter.date(from: text) } }

    public static func format(_ date: Date) -> String { lock.withLock { formatter.string(from: date) } }
}
