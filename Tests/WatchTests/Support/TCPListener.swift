import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A listening TCP socket on 127.0.0.1 with a thread that hands each connection to a handler; the base
/// of the test receivers. Port 0 picks a free port; a given port is re-bound (to bring a receiver back up).
final class TCPListener: @unchecked Sendable {
    let port: UInt16
    private let fd: Int32
    private let lock = NSLock()
    private var stopped = false

    init(port: UInt16 = 0, handler: @escaping @Sendable (Int32) -> Void) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXFailure("socket") }
        var yes: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else { close(fd); throw POSIXFailure("bind/listen") }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        self.fd = fd
        self.port = UInt16(bigEndian: actual.sin_port)
        let thread = Thread { [self] in
            while true {
                let client = accept(fd, nil, nil)
                if client < 0 {
                    if self.isStopped { return }
                    continue
                }
                let worker = Thread { handler(client) }
                worker.start()
            }
        }
        thread.start()
    }

    private var isStopped: Bool { lock.withLock { stopped } }

    /// Stops accepting: later connections are refused (the receiver is "down").
    func stop() {
        lock.withLock { stopped = true }
        shutdown(fd, Int32(SHUT_RDWR))
        close(fd)
    }
}

struct POSIXFailure: Error, CustomStringConvertible {
    let description: String
    init(_ call: String) { description = "\(call): \(String(cString: strerror(errno)))" }
}

/// Blocking line/byte I/O on a connected socket.
struct SocketIO {
    let fd: Int32
    private final class Buffer: @unchecked Sendable { var bytes: [UInt8] = [] }
    private let buffer = Buffer()

    init(fd: Int32) {
        self.fd = fd
        var timeout = timeval(tv_sec: 30, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    private func fill() -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &chunk, chunk.count, 0)
        guard n > 0 else { return false }
        buffer.bytes.append(contentsOf: chunk[0..<n])
        return true
    }

    /// Reads up to and including `delimiter`; nil when the peer closed first.
    func read(until delimiter: [UInt8]) -> [UInt8]? {
        while true {
            if let range = find(delimiter) {
                let out = Array(buffer.bytes[0..<range])
                buffer.bytes.removeFirst(range)
                return out
            }
            guard fill() else { return nil }
        }
    }

    func read(count: Int) -> [UInt8]? {
        while buffer.bytes.count < count { guard fill() else { return nil } }
        let out = Array(buffer.bytes[0..<count])
        buffer.bytes.removeFirst(count)
        return out
    }

    private func find(_ delimiter: [UInt8]) -> Int? {
        guard buffer.bytes.count >= delimiter.count else { return nil }
        for i in 0...(buffer.bytes.count - delimiter.count) where Array(buffer.bytes[i..<(i + delimiter.count)]) == delimiter {
            return i + delimiter.count
        }
        return nil
    }

    func write(_ text: String) {
        let bytes = Array(text.utf8)
        var sent = 0
        while sent < bytes.count {
            let n = bytes[sent...].withUnsafeBufferPointer { send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            if n <= 0 { return }
            sent += n
        }
    }

    func close() { Glibc.close(fd) }
}
