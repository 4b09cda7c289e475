import Foundation

/// A one-line progress counter on stderr, shown only when stderr is a terminal (never in pipes or logs).
///
/// ```swift
/// let progress = ProgressIndicator(label: "classifying")
/// for (i, row) in rows.enumerated() { progress.update(i + 1); … }
/// progress.finish()
/// ```
public final class ProgressIndicator: @unchecked Sendable {
    private let label: String
    private let total: Int?
    private let enabled: Bool
    private var lastDraw = Date.distantPast
    private let lock = NSLock()

    public init(label: String, total: Int? = nil, enabled: Bool = isatty(STDERR_FILENO) == 1) {
        self.label = label
        self.total = total
        self.enabled = enabled
    }

    /// Redraws at most ten times a second.
    public func update(_ done: Int) {
        guard enabled else { return }
        lock.lock(); defer { lock.unlock() }
        let now = Date()
        guard now.timeIntervalSince(lastDraw) >= 0.1 else { return }
        lastDraw = now
        let text = total.map { "\r\(label): \(done)/\($0)" } ?? "\r\(label): \(done)"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// Clears the line.
    public func finish() {
        guard enabled else { return }
        FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    }
}
