import Foundation

/// robots.txt per origin, kept for the configured time; concurrent fetches of one origin share one read.
actor RobotsCache {
    private struct Entry {
        let robots: RobotsTxt
        let reason: String
        let expires: Date
    }

    private var entries: [String: Entry] = [:]
    private var loading: [String: Task<(RobotsTxt, String, Double), Never>] = [:]

    /// The rules for `origin`, loading them with `load` when missing or stale. `load` returns the rules, a
    /// short reason for messages, and how long to keep them.
    func rules(for origin: String, load: @escaping @Sendable () async -> (RobotsTxt, String, Double)) async -> (RobotsTxt, String) {
        if let entry = entries[origin], entry.expires > Date() { return (entry.robots, entry.reason) }
        if let task = loading[origin] {
            let (robots, reason, _) = await task.value
            return (robots, reason)
        }
        let task = Task { await load() }
        loading[origin] = task
        let (robots, reason, ttl) = await task.value
        loading[origin] = nil
        entries[origin] = Entry(robots: robots, reason: reason, expires: Date().addingTimeInterval(ttl))
        return (robots, reason)
    }
}
