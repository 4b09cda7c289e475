import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A small HTTP/1.1 server that plays a set of provincial portals for tests, benchmarks and `rencai demo`.
///
/// It serves the files under `root` (normally `Fixtures/portals/`) with ETag, Last-Modified and 304, plus
/// the behaviours a watcher must survive: bot walls, 429 with Retry-After, 503, redirect loops, a redirect
/// to `file://`, a slow-drip body and a 50 MB body (see ``SamplePortalPaths``).
///
/// ```swift
/// let portal = try SamplePortalServer.start(root: SamplePortalServer.fixturesRoot()!)
/// defer { portal.stop() }
/// let page = portal.url("/shanghai/catalogue.html")
/// portal.setRevision("r2", for: "/shanghai/catalogue.html")   // now serves shanghai/catalogue.r2.html
/// ```
///
/// A file may have a sidecar `NAME.headers` with `Status: 412` and extra `Name: value` lines (bot walls,
/// declared charsets, content encodings). Every connection is closed after one response.
public final class SamplePortalServer: @unchecked Sendable {
    /// The folder served.
    public let root: URL
    /// The loopback address bound (127.0.0.1, 127.0.0.2 …).
    public let host: String
    /// The port bound (ephemeral when started with port 0).
    public let port: UInt16

    private let listener: Int32
    /// A pipe whose read end the accept loop polls beside the listener: `stop()` writes to it. The loop
    /// blocks until a connection or a stop comes, rather than waking every 100 ms to look (300 servers
    /// in bench-watch made that a sixth of the process's CPU samples during a round).
    private let wake: (read: Int32, write: Int32)
    private let state = ServerState()
    private let listenerDone = DispatchSemaphore(value: 0)

    /// `http://HOST:PORT`
    public var baseURL: URL { URL(string: "http://\(host):\(port)")! }

    /// An absolute URL for a path on this portal (`/shanghai/catalogue.html`, `/status/429?retry-after=1`);
    /// characters outside URLs (Chinese file names, spaces) in the path are percent-encoded.
    public func url(_ path: String) -> URL {
        let pieces = path.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let rawPath = pieces[0].hasPrefix("/") ? pieces[0] : "/" + pieces[0]
        let encodedPath = rawPath.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? rawPath
        let query = pieces.count > 1 ? "?" + (pieces[1].addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? pieces[1]) : ""
        return URL(string: baseURL.absoluteString + encodedPath + query) ?? baseURL
    }

    private init(root: URL, host: String, port: UInt16, listener: Int32, wake: (read: Int32, write: Int32)) {
        self.root = root
        self.host = host
        self.port = port
        self.listener = listener
        self.wake = wake
    }

    /// Binds `host:port` (port 0: any free port) and starts serving `root` on a background thread.
    public static func start(root: URL, host: String = "127.0.0.1", port: UInt16 = 0) throws -> SamplePortalServer {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw SamplePortalError.rootMissing(root.path)
        }
        let (fd, boundPort) = try Socket.openListener(host: host, port: port)
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            close(fd)
            throw SamplePortalError.socket("could not create the accept loop's stop pipe (errno \(errno))")
        }
        // Close-on-exec: bench-watch spawns rencai and urlwatch beside 300 servers.
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let server = SamplePortalServer(root: root.standardizedFileURL, host: host, port: boundPort, listener: fd,
                                        wake: (ends[0], ends[1]))
        let thread = Thread { server.acceptLoop() }
        thread.name = "sample-portal-\(host):\(boundPort)"
        thread.start()
        return server
    }

    /// `Fixtures/portals` of the source checkout this module was built from, nil when absent.
    public static func fixturesRoot(sourceFile: String = #filePath) -> URL? {
        let checkout = URL(fileURLWithPath: sourceFile).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let candidate = checkout.appendingPathComponent("Fixtures/portals")
        return FileManager.default.fileExists(atPath: candidate.path) ? candidate : nil
    }

    /// Stops accepting, closes the listening socket and ends slow responses. Safe to call twice.
    public func stop() {
        guard state.markStopped() else { return }
        var byte: UInt8 = 1
        while write(wake.write, &byte, 1) < 0, errno == EINTR {}
        listenerDone.wait()
        close(listener)
        close(wake.read)
        close(wake.write)
    }

    // MARK: - Switches for tests

    /// Serves revision `revision` of `path`: the file with `.REVISION` before its extension
    /// (`/shanghai/catalogue.html` + "r2" → `shanghai/catalogue.r2.html`); nil goes back to the plain file.
    public func setRevision(_ revision: String?, for path: String) {
        state.setRevision(revision, for: Self.normalisePath(path))
    }

    /// How `/robots.txt` answers.
    public func setRobots(_ behaviour: RobotsBehaviour) { state.setRobots(behaviour) }

    /// Every request received, in order of arrival.
    public var requests: [RecordedRequest] { state.requests }

    /// The requests for one path (query ignored).
    public func requests(to path: String) -> [RecordedRequest] {
        let wanted = Self.normalisePath(path)
        return state.requests.filter { $0.path == wanted }
    }

    /// The largest number of requests this server was handling at the same moment.
    public var maxConcurrentRequests: Int { state.maxConcurrent }

    /// Forgets recorded requests, counters of `/status/…` paths and the concurrency high-water mark.
    public func resetLog() { state.resetLog() }

    static func normalisePath(_ path: String) -> String { path.hasPrefix("/") ? path : "/" + path }

    // MARK: - Serving

    private func acceptLoop() {
        defer { listenerDone.signal() }
        while !state.isStopped {
            var fds = [pollfd(fd: listener, events: Int16(POLLIN), revents: 0), pollfd(fd: wake.read, events: Int16(POLLIN), revents: 0)]
            let ready = poll(&fds, 2, -1)
            // A listener in error would report so at once, for ever: this server is done.
            if fds[0].revents & Int16(POLLERR | POLLNVAL) != 0 { break }
            guard ready > 0, fds[0].revents & Int16(POLLIN) != 0 else { continue }
            let client = accept(listener, nil, nil)
            guard client >= 0 else { continue }
            let connection = Connection(fd: client, server: self)
            let thread = Thread { connection.serve() }
            thread.start()
        }
    }

    var serverState: ServerState { state }
}

/// How the sample portal answers `/robots.txt`.
public enum RobotsBehaviour: Sendable, Equatable {
    /// Serve `robots.txt` from the root folder (404 when there is none).
    case file
    /// Answer this status with an empty body (404: all allowed; 503: all disallowed).
    case status(Int)
    /// Serve this text.
    case text(String)
}

/// One request as the sample portal saw it.
public struct RecordedRequest: Sendable {
    public let method: String
    /// The percent-decoded path, without the query.
    public let path: String
    public let query: String?
    /// Header names lower-cased.
    public let headers: [String: String]
    /// True when the request line carried an absolute URL, as a client sends it to a proxy.
    public let viaProxy: Bool
    public let received: Date
    /// When the response was fully sent or the client went away.
    public internal(set) var finished: Date?
    var serial = 0
}

/// Why the sample portal could not start.
public enum SamplePortalError: Error, CustomStringConvertible {
    case rootMissing(String)
    case socket(String)

    public var description: String {
        switch self {
        case .rootMissing(let path): return "\(path): the sample portal's folder does not exist (expected Fixtures/portals)"
        case .socket(let message): return "sample portal: \(message)"
        }
    }
}
