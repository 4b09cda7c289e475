import Foundation
import RencaiCore

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
