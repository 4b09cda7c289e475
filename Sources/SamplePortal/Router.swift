import Foundation

/// Decides what the sample portal answers: generated behaviours first, then files under the root.
struct Router {
    let server: SamplePortalServer
    let state: ServerState

    func respond(to request: HTTPRequestHead, writer: ResponseWriter) {
        let path = request.path
        switch true {
        case path == "/robots.txt": robots(request, writer)
        case path.hasPrefix("/status/"): status(request, writer)
        case path == "/redirect/loop": redirect("/redirect/loop-b", writer)
        case path == "/redirect/loop-b": redirect("/redirect/loop", writer)
        case path == "/redirect/file": redirect("file:///etc/passwd", writer)
        case path == "/redirect/to": redirect(request.parameter("path") ?? "/", writer)
        case path == "/slow-drip": slowDrip(request, writer)
        case path == "/huge": huge(request, writer)
        default: StaticFiles(root: server.root, state: state).serve(request, writer)
        }
    }

    private func robots(_ request: HTTPRequestHead, _ writer: ResponseWriter) {
        switch state.robotsBehaviour {
        case .file: StaticFiles(root: server.root, state: state).serve(request, writer)
        case .status(let code): writer.send(code, [("Content-Type", "text/plain")], body: Data())
        case .text(let text): writer.send(200, [("Content-Type", "text/plain")], body: Data(text.utf8))
        }
    }

    /// `/status/CODE?key=K&times=N&retry-after=S`: CODE for the first N hits of K (all when N is absent), then 200.
    private func status(_ request: HTTPRequestHead, _ writer: ResponseWriter) {
        let code = Int(request.path.dropFirst("/status/".count)) ?? 500
        let key = "\(code)/\(request.parameter("key") ?? "default")"
        let hit = state.hit(key)
        if let times = request.parameter("times").flatMap(Int.init), hit > times {
            let page = "<html><head><meta charset=\"utf-8\"><title>恢复</title></head><body><p>recovered after \(times) × \(code)</p></body></html>"
            writer.send(200, [("Content-Type", "text/html; charset=utf-8")], body: Data(page.utf8))
            return
        }
        var headers = [("Content-Type", "text/html; charset=utf-8")]
        if let retryAfter = request.parameter("retry-after") { headers.append(("Retry-After", retryAfter)) }
        writer.send(code, headers, body: Data("<html><body>\(code) \(ResponseWriter.reason(code))</body></html>".utf8))
    }

    private func redirect(_ location: String, _ writer: ResponseWriter) {
        writer.send(302, [("Location", location), ("Content-Type", "text/html")], body: Data("<a href=\"\(location)\">moved</a>".utf8))
    }

    /// Declares the full length, then trickles one byte per interval: only a low-speed limit stops it.
    private func slowDrip(_ request: HTTPRequestHead, _ writer: ResponseWriter) {
        let bytes = request.parameter("bytes").flatMap(Int.init) ?? 100_000
        let interval = request.parameter("interval").flatMap(Int.init) ?? 250
        guard writer.head(200, [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", String(bytes))]) else { return }
        for i in 0..<bytes {
            if i > 0 { usleep(UInt32(interval * 1000)) }
            if writer.stopped { return }
            guard writer.body(Data("x".utf8)) else { return }
        }
    }

    /// A large page in 64 KiB chunks, chunk-encoded unless the length is declared.
    private func huge(_ request: HTTPRequestHead, _ writer: ResponseWriter) {
        let total = (request.parameter("mb").flatMap(Int.init) ?? 50) * 1_000_000
        let declare = request.parameter("length") == "1"
        var headers = [("Content-Type", "text/html; charset=utf-8")]
        headers.append(declare ? ("Content-Length", String(total)) : ("Transfer-Encoding", "chunked"))
        guard writer.head(200, headers) else { return }
        let block = Data(repeating: UInt8(ascii: "x"), count: 64 * 1024)
        var sent = 0
        while sent < total {
            if writer.stopped { return }
            let piece = block.prefix(min(block.count, total - sent))
            let framed = declare ? piece : Data((String(piece.count, radix: 16) + "\r\n").utf8) + piece + Data("\r\n".utf8)
            guard writer.body(framed) else { return }
            sent += piece.count
        }
        if !declare { _ = writer.body(Data("0\r\n\r\n".utf8)) }
    }
}
