import Foundation

/// The sample portal's shared mutable state, behind one lock (connection threads and tests touch it).
final class ServerState: @unchecked Sendable {
    private let lock = NSLock()
    private var stopped = false
    private var revisions: [String: String] = [:]
    private var robots = RobotsBehaviour.file
    private var log: [RecordedRequest] = []
    private var counters: [String: Int] = [:]
    private var inFlight = 0
    private var highWater = 0

    var isStopped: Bool { lock.withLock { stopped } }

    /// True the first time only.
    func markStopped() -> Bool {
        lock.withLock {
            defer { stopped = true }
            return !stopped
        }
    }

    func setRevision(_ revision: String?, for path: String) { lock.withLock { revisions[path] = revision } }
    func revision(for path: String) -> String? { lock.withLock { revisions[path] } }
    func setRobots(_ behaviour: RobotsBehaviour) { lock.withLock { robots = behaviour } }
    var robotsBehaviour: RobotsBehaviour { lock.withLock { robots } }

    var requests: [RecordedRequest] { lock.withLock { log } }
    var maxConcurrent: Int { lock.withLock { highWater } }

    func resetLog() {
        lock.withLock {
            log = []
            counters = [:]
            highWater = inFlight
        }
    }

    private var serial = 0

    /// Records a request and returns its serial number, for ``finish(_:)``.
    func begin(_ request: RecordedRequest) -> Int {
        lock.withLock {
            inFlight += 1
            highWater = max(highWater, inFlight)
            serial += 1
            var numbered = request
            numbered.serial = serial
            log.append(numbered)
            return serial
        }
    }

    func finish(_ serial: Int) {
        lock.withLock {
            inFlight -= 1
            if let i = log.lastIndex(where: { $0.serial == serial }) { log[i].finished = Date() }
        }
    }

    /// Counts hits on a key (for "fail N times, then succeed").
    func hit(_ key: String) -> Int {
        lock.withLock {
            counters[key, default: 0] += 1
            return counters[key]!
        }
    }
}
