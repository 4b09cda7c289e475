import Foundation

/// One request at a time per host, with a minimum delay plus jitter between them, and a host-wide pause
/// when a server says `Retry-After` (so every source on that host waits, not just the one that was told).
actor HostGate {
    private struct HostState {
        var busy = false
        var notBefore = ContinuousClock.now
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private var hosts: [String: HostState] = [:]
    private let minDelay: Double
    private let jitter: Double

    init(minDelay: Double, jitter: Double) {
        self.minDelay = minDelay
        self.jitter = jitter
    }

    /// Waits for the host to be free and its delay to pass, then holds it until ``release(_:pause:)``.
    func acquire(_ host: String) async {
        while hosts[host, default: HostState()].busy {
            await withCheckedContinuation { hosts[host, default: HostState()].waiters.append($0) }
        }
        hosts[host, default: HostState()].busy = true
        let wait = hosts[host, default: HostState()].notBefore - ContinuousClock.now
        if wait > .zero { try? await Task.sleep(for: wait) }
    }

    /// Frees the host; the next request may start after the delay plus jitter, or after `pause` seconds when
    /// longer (Retry-After, backoff). `spaced: false` is for robots.txt: like polite crawlers, the page may
    /// follow its robots.txt at once (the host stays serialised; only `pause` applies).
    func release(_ host: String, pause: Double = 0, spaced: Bool = true) {
        var state = hosts[host, default: HostState()]
        let spacing = spaced ? minDelay + (jitter > 0 ? Double.random(in: 0...jitter) : 0) : 0
        let delay = max(pause, spacing)
        state.notBefore = max(state.notBefore, ContinuousClock.now + .milliseconds(Int64(delay * 1000)))
        state.busy = false
        let next = state.waiters.isEmpty ? nil : state.waiters.removeFirst()
        hosts[host] = state
        next?.resume()
    }
}

/// At most `limit` transfers in flight across all hosts.
actor ConcurrencyLimiter {
    private let limit: Int
    private var inFlight = 0
    private var waiters: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = max(1, limit) }

    func acquire() async {
        while inFlight >= limit {
            await withCheckedContinuation { waiters.append($0) }
        }
        inFlight += 1
    }

    func release() {
        inFlight -= 1
        if !waiters.isEmpty { waiters.removeFirst().resume() }
    }
}
