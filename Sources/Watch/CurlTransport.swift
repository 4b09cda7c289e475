import CCurl
import Foundation

/// Sends one HTTP POST or one e-mail through its own libcurl easy handle (blocking; one handle per send,
/// never shared between threads).
///
/// Errors carry libcurl's message only; the caller redacts them before they reach a log or the store.
enum CurlTransport {
    /// `curl_global_init` exactly once per process, before the first handle.
    static let initialised: Bool = curl_global_init(Int(CURL_GLOBAL_DEFAULT)) == CURLE_OK

    struct HTTPResponse: Sendable {
        let status: Int
        let body: String
    }

    /// Upload and download buffers for the callbacks, kept alive by the caller for the transfer's life.
    private final class Buffers {
        var upload: [UInt8]
        var offset = 0
        var download: [UInt8] = []
        let downloadLimit = 64 * 1024
        init(upload: [UInt8]) { self.upload = upload }
    }

    private static let writeCallback: rc_data_callback = { pointer, size, count, context in
        guard let pointer, let context else { return 0 }
        let buffers = Unmanaged<Buffers>.fromOpaque(context).takeUnretainedValue()
        let total = size * count
        // A receiver's reply is a short acknowledgement; keep at most 64 KiB of it.
        let room = max(0, buffers.downloadLimit - buffers.download.count)
        pointer.withMemoryRebound(to: UInt8.self, capacity: total) { bytes in
            buffers.download.append(contentsOf: UnsafeBufferPointer(start: bytes, count: min(total, room)))
        }
        return total
    }

    private static let readCallback: rc_data_callback = { pointer, size, count, context in
        guard let pointer, let context else { return 0 }
        let buffers = Unmanaged<Buffers>.fromOpaque(context).takeUnretainedValue()
        let n = min(size * count, buffers.upload.count - buffers.offset)
        guard n > 0 else { return 0 }
        buffers.upload.withUnsafeBufferPointer { source in
            UnsafeMutableRawPointer(pointer).copyMemory(from: source.baseAddress! + buffers.offset, byteCount: n)
        }
        buffers.offset += n
        return n
    }

    /// POSTs `body` and returns the status and the (truncated) reply.
    static func post(url: String, body: Data, headers: [String], caFile: String?, timeout: Double,
                     session: CurlSession? = nil) throws -> HTTPResponse {
        var list: UnsafeMutablePointer<curl_slist>? = nil
        for header in headers { list = curl_slist_append(list, header) }
        defer { curl_slist_free_all(list) }
        return try perform(upload: body, session: session, timeout: timeout, caFile: caFile) { handle, size in
            rc_easy_setopt_string(handle, CURLOPT_URL, url)
            rc_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "http,https")
            rc_easy_setopt_long(handle, CURLOPT_FOLLOWLOCATION, 0)
            rc_easy_setopt_long(handle, CURLOPT_POST, 1)
            rc_easy_setopt_long(handle, CURLOPT_POSTFIELDSIZE, size)
            rc_easy_setopt_slist(handle, CURLOPT_HTTPHEADER, list)
        }
    }

    /// Sends one message over SMTP. With `requireTLS`, STARTTLS is mandatory (CURLUSESSL_ALL): a server
    /// that does not offer it gets nothing.
    static func sendMail(url: String, from: String, to: [String], message: Data, username: String?, password: String?,
                         requireTLS: Bool, caFile: String?, timeout: Double, session: CurlSession? = nil) throws {
        var recipients: UnsafeMutablePointer<curl_slist>? = nil
        for address in to { recipients = curl_slist_append(recipients, "<\(address)>") }
        defer { curl_slist_free_all(recipients) }
        _ = try perform(upload: message, session: session, timeout: timeout, caFile: caFile) { handle, size in
            rc_easy_setopt_string(handle, CURLOPT_URL, url)
            rc_easy_setopt_string(handle, CURLOPT_PROTOCOLS_STR, "smtp,smtps")
            if requireTLS { rc_easy_setopt_long(handle, CURLOPT_USE_SSL, Int(CURLUSESSL_ALL.rawValue)) }
            rc_easy_setopt_string(handle, CURLOPT_MAIL_FROM, "<\(from)>")
            rc_easy_setopt_slist(handle, CURLOPT_MAIL_RCPT, recipients)
            if let username { rc_easy_setopt_string(handle, CURLOPT_USERNAME, username) }
            if let password { rc_easy_setopt_string(handle, CURLOPT_PASSWORD, password) }
            rc_easy_setopt_long(handle, CURLOPT_UPLOAD, 1)
            rc_easy_setopt_off_t(handle, CURLOPT_INFILESIZE_LARGE, curl_off_t(size))
        }
    }

    /// One transfer on a handle from `session` (or a session of its own): `upload` served by the read
    /// callback, the reply kept by the write callback, `configure` setting the protocol's own options
    /// (it gets the upload's size), then the limits and TLS every delivery sets. Throws libcurl's error.
    private static func perform(upload: Data, session: CurlSession?, timeout: Double, caFile: String?,
                                configure: (UnsafeMutableRawPointer?, Int) -> Void) throws -> HTTPResponse {
        let buffers = Buffers(upload: Array(upload))
        let owned = session == nil ? try CurlSession() : nil
        defer { owned?.close() }
        guard let handle = (session ?? owned)?.prepared() else { throw TransportError("libcurl could not be initialised") }
        var errorBuffer = [CChar](repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        let context = Unmanaged.passUnretained(buffers).toOpaque()
        let code: CURLcode = errorBuffer.withUnsafeMutableBufferPointer { errorPointer in
            rc_easy_setopt_long(handle, CURLOPT_NOSIGNAL, 1)
            rc_easy_setopt_data_callback(handle, CURLOPT_READFUNCTION, readCallback)
            rc_easy_setopt_pointer(handle, CURLOPT_READDATA, context)
            rc_easy_setopt_data_callback(handle, CURLOPT_WRITEFUNCTION, writeCallback)
            rc_easy_setopt_pointer(handle, CURLOPT_WRITEDATA, context)
            configure(handle, buffers.upload.count)
            applyLimitsAndTLS(handle, timeout: timeout, caFile: caFile, errorBuffer: errorPointer.baseAddress)
            return curl_easy_perform(handle)
        }
        guard code == CURLE_OK else { throw TransportError(code: code, detail: TransportError.text(errorBuffer)) }
        var status = 0
        rc_easy_getinfo_long(handle, CURLINFO_RESPONSE_CODE, &status)
        return HTTPResponse(status: status, body: String(decoding: buffers.download, as: UTF8.self))
    }

    /// What every delivery transfer sets: connect and total timeouts, certificate verification always on
    /// (with the channel's own CA file when it names one), and the error buffer.
    private static func applyLimitsAndTLS(_ handle: UnsafeMutableRawPointer?, timeout: Double, caFile: String?,
                                          errorBuffer: UnsafeMutablePointer<CChar>?) {
        rc_easy_setopt_long(handle, CURLOPT_CONNECTTIMEOUT_MS, Int(min(timeout, 10) * 1000))
        rc_easy_setopt_long(handle, CURLOPT_TIMEOUT_MS, Int(timeout * 1000))
        rc_easy_setopt_long(handle, CURLOPT_SSL_VERIFYPEER, 1)
        rc_easy_setopt_long(handle, CURLOPT_SSL_VERIFYHOST, 2)
        if let caFile { rc_easy_setopt_string(handle, CURLOPT_CAINFO, caFile) }
        rc_easy_setopt_pointer(handle, CURLOPT_ERRORBUFFER, errorBuffer)
    }
}

/// One easy handle for a series of sends from one thread (one channel's share of a delivery pass):
/// `curl_easy_reset` clears the options between sends but keeps the connection cache, so consecutive
/// posts to one robot or one SMTP server reuse the connection. Closed explicitly, never shared.
final class CurlSession {
    private var handle: UnsafeMutableRawPointer?

    init() throws {
        guard CurlTransport.initialised, let handle = curl_easy_init() else { throw TransportError("libcurl could not be initialised") }
        self.handle = handle
    }

    /// The handle with every option back to its default.
    func prepared() -> UnsafeMutableRawPointer? {
        guard let handle else { return nil }
        curl_easy_reset(handle)
        return handle
    }

    func close() {
        if let handle { curl_easy_cleanup(handle) }
        handle = nil
    }
}

/// A failed send, in libcurl's words (to be redacted before it is shown or stored).
struct TransportError: Error, Sendable {
    let message: String

    init(_ message: String) { self.message = message }

    /// libcurl's NUL-terminated error buffer as text.
    static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    init(code: CURLcode, detail: String) {
        let name = String(cString: curl_easy_strerror(code))
        message = detail.isEmpty ? name : "\(name): \(detail)"
    }
}
