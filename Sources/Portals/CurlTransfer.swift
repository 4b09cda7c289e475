import CCurl
import Foundation

/// What one libcurl transfer needs: the options to set, decided by the client.
struct TransferSpec: Sendable {
    var url: URL
    var headers: [String]
    var userAgent: String
    var limits: FetchLimits
    var caFile: String?
    /// The proxy for this URL's scheme, "" for none (so libcurl does not read another environment).
    var proxy: String
    var noProxy: String
}

/// What one libcurl transfer produced.
struct TransferOutput: Sendable {
    var curlCode: Int
    var errorMessage: String
    var status: Int
    var headers: HTTPHeaders
    var body: Data
    var bodyTooLarge: Bool
    var cancelled: Bool
    var effectiveURL: URL?
    var redirectCount: Int
    var httpVersion: String
    var timings: FetchTimings

    var succeeded: Bool { curlCode == Int(CURLE_OK.rawValue) }
}

/// The state of one transfer while libcurl drives it. Only the engine thread touches the buffers; the
/// cancel flag is the one field other threads write, under a lock.
final class CurlTransfer: @unchecked Sendable {
    let spec: TransferSpec
    var body = Data()
    var headers = HTTPHeaders()
    var bodyTooLarge = false
    /// libcurl writes its detailed message here; it must stay at one address for the transfer's life.
    let errorBuffer: UnsafeMutablePointer<CChar> = {
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Int(CURL_ERROR_SIZE) + 1)
        buffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE) + 1)
        return buffer
    }()
    var headerList: UnsafeMutablePointer<curl_slist>?
    var easy: UnsafeMutableRawPointer?
    private var continuation: CheckedContinuation<TransferOutput, Never>?
    private let lock = NSLock()
    private var cancelRequested = false

    init(spec: TransferSpec, continuation: CheckedContinuation<TransferOutput, Never>) {
        self.spec = spec
        self.continuation = continuation
    }

    deinit { errorBuffer.deallocate() }

    var isCancelled: Bool { lock.withLock { cancelRequested } }

    func cancel() { lock.withLock { cancelRequested = true } }

    /// Resumes the waiting task exactly once.
    func finish(_ output: TransferOutput) {
        let c = lock.withLock { () -> CheckedContinuation<TransferOutput, Never>? in
            defer { continuation = nil }
            return continuation
        }
        c?.resume(returning: output)
    }

    /// Creates and configures the easy handle. Returns nil (after finishing with an error) when libcurl
    /// refuses an option, which would mean this libcurl lacks a protection we rely on.
    func makeEasyHandle() -> UnsafeMutableRawPointer? {
        guard let h = curl_easy_init() else {
            finish(Self.failure(code: Int(CURLE_FAILED_INIT.rawValue), message: "curl_easy_init failed"))
            return nil
        }
        easy = h
        let me = Unmanaged.passUnretained(self).toOpaque()
        let limits = spec.limits
        var codes: [CURLcode] = []
        codes.append(rc_easy_setopt_string(h, CURLOPT_URL, spec.url.absoluteString))
        codes.append(rc_easy_setopt_pointer(h, CURLOPT_PRIVATE, me))
        codes.append(rc_easy_setopt_long(h, CURLOPT_NOSIGNAL, 1))
        // Only http and https, on the first request and on every redirect (a redirect to file:// fails).
        codes.append(rc_easy_setopt_string(h, CURLOPT_PROTOCOLS_STR, "http,https"))
        codes.append(rc_easy_setopt_string(h, CURLOPT_REDIR_PROTOCOLS_STR, "http,https"))
        codes.append(rc_easy_setopt_long(h, CURLOPT_FOLLOWLOCATION, 1))
        codes.append(rc_easy_setopt_long(h, CURLOPT_MAXREDIRS, limits.maxRedirects))
        codes.append(rc_easy_setopt_long(h, CURLOPT_CONNECTTIMEOUT_MS, Int(limits.connectTimeout * 1000)))
        codes.append(rc_easy_setopt_long(h, CURLOPT_TIMEOUT_MS, Int(limits.totalTimeout * 1000)))
        codes.append(rc_easy_setopt_long(h, CURLOPT_LOW_SPEED_LIMIT, limits.lowSpeedBytesPerSecond))
        codes.append(rc_easy_setopt_long(h, CURLOPT_LOW_SPEED_TIME, max(1, Int(limits.lowSpeedWindow.rounded(.up)))))
        codes.append(rc_easy_setopt_off_t(h, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(limits.maxBodyBytes)))
        // "" = every encoding this libcurl was built with (gzip, deflate, br, zstd).
        codes.append(rc_easy_setopt_string(h, CURLOPT_ACCEPT_ENCODING, ""))
        codes.append(rc_easy_setopt_long(h, CURLOPT_HTTP_VERSION, Int(CURL_HTTP_VERSION_2TLS)))
        codes.append(rc_easy_setopt_long(h, CURLOPT_SSL_VERIFYPEER, 1))
        codes.append(rc_easy_setopt_long(h, CURLOPT_SSL_VERIFYHOST, 2))
        if let caFile = spec.caFile { codes.append(rc_easy_setopt_string(h, CURLOPT_CAINFO, caFile)) }
        codes.append(rc_easy_setopt_string(h, CURLOPT_PROXY, spec.proxy))
        codes.append(rc_easy_setopt_string(h, CURLOPT_NOPROXY, spec.noProxy))
        codes.append(rc_easy_setopt_string(h, CURLOPT_USERAGENT, spec.userAgent))
        for header in spec.headers { headerList = curl_slist_append(headerList, header) }
        if let headerList { codes.append(rc_easy_setopt_slist(h, CURLOPT_HTTPHEADER, headerList)) }
        codes.append(rc_easy_setopt_pointer(h, CURLOPT_ERRORBUFFER, errorBuffer))
        codes.append(rc_easy_setopt_data_callback(h, CURLOPT_WRITEFUNCTION, { ptr, size, count, userdata in
            guard let ptr, let userdata else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue().receiveBody(ptr, size * count)
        }))
        codes.append(rc_easy_setopt_pointer(h, CURLOPT_WRITEDATA, me))
        codes.append(rc_easy_setopt_data_callback(h, CURLOPT_HEADERFUNCTION, { ptr, size, count, userdata in
            guard let ptr, let userdata else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue().receiveHeader(ptr, size * count)
        }))
        codes.append(rc_easy_setopt_pointer(h, CURLOPT_HEADERDATA, me))
        // The progress callback lets a cancelled task stop its transfer.
        codes.append(rc_easy_setopt_long(h, CURLOPT_NOPROGRESS, 0))
        codes.append(rc_easy_setopt_xferinfo_callback(h, { userdata, _, _, _, _ in
            guard let userdata else { return 0 }
            return Unmanaged<CurlTransfer>.fromOpaque(userdata).takeUnretainedValue().isCancelled ? 1 : 0
        }))
        codes.append(rc_easy_setopt_pointer(h, CURLOPT_XFERINFODATA, me))
        if let bad = codes.first(where: { $0 != CURLE_OK }) {
            let message = String(cString: curl_easy_strerror(bad))
            cleanup()
            finish(Self.failure(code: Int(bad.rawValue), message: "libcurl refused an option: \(message)"))
            return nil
        }
        return h
    }

    /// The body cap lives here because libcurl 7.88's MAXFILESIZE does not stop a body of unknown length.
    private func receiveBody(_ ptr: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        if body.count + count > spec.limits.maxBodyBytes {
            bodyTooLarge = true
            return 0
        }
        body.append(UnsafeRawPointer(ptr).assumingMemoryBound(to: UInt8.self), count: count)
        return count
    }

    private func receiveHeader(_ ptr: UnsafeMutablePointer<CChar>, _ count: Int) -> Int {
        let line = String(decoding: UnsafeRawBufferPointer(start: ptr, count: count), as: UTF8.self)
        if line.hasPrefix("HTTP/") {
            // A new response (after a redirect or a 100 Continue): keep only the final one's headers.
            headers = HTTPHeaders()
        } else if let header = HTTPHeaders.parseLine(line) {
            headers.append(header)
        }
        return count
    }

    /// Reads the results off the easy handle after libcurl reports it done.
    func output(code: CURLcode) -> TransferOutput {
        guard let h = easy else { return Self.failure(code: Int(code.rawValue), message: "no handle") }
        var status = 0
        _ = rc_easy_getinfo_long(h, CURLINFO_RESPONSE_CODE, &status)
        var redirects = 0
        _ = rc_easy_getinfo_long(h, CURLINFO_REDIRECT_COUNT, &redirects)
        var version = 0
        _ = rc_easy_getinfo_long(h, CURLINFO_HTTP_VERSION, &version)
        var urlPointer: UnsafeMutablePointer<CChar>?
        _ = rc_easy_getinfo_string(h, CURLINFO_EFFECTIVE_URL, &urlPointer)
        let effective = urlPointer.map { String(cString: $0) }.flatMap { URL(string: $0) }
        func seconds(_ info: CURLINFO) -> Double {
            var micro: curl_off_t = 0
            _ = rc_easy_getinfo_off_t(h, info, &micro)
            return Double(micro) / 1_000_000
        }
        let timings = FetchTimings(nameLookup: seconds(CURLINFO_NAMELOOKUP_TIME_T), connect: seconds(CURLINFO_CONNECT_TIME_T),
                                   tlsHandshake: seconds(CURLINFO_APPCONNECT_TIME_T),
                                   firstByte: seconds(CURLINFO_STARTTRANSFER_TIME_T), total: seconds(CURLINFO_TOTAL_TIME_T),
                                   redirect: seconds(CURLINFO_REDIRECT_TIME_T))
        let detail = String(cString: errorBuffer)
        let message = detail.isEmpty ? String(cString: curl_easy_strerror(code)) : detail
        return TransferOutput(curlCode: Int(code.rawValue), errorMessage: code == CURLE_OK ? "" : message, status: status,
                              headers: headers, body: body, bodyTooLarge: bodyTooLarge, cancelled: isCancelled,
                              effectiveURL: effective, redirectCount: redirects, httpVersion: Self.versionName(version),
                              timings: timings)
    }

    func cleanup() {
        if let easy { curl_easy_cleanup(easy) }
        easy = nil
        if let headerList { curl_slist_free_all(headerList) }
        headerList = nil
    }

    static func versionName(_ code: Int) -> String {
        switch code {
        case Int(CURL_HTTP_VERSION_1_0): return "1.0"
        case Int(CURL_HTTP_VERSION_1_1): return "1.1"
        case Int(CURL_HTTP_VERSION_2_0): return "2"
        case 30: return "3"
        default: return ""
        }
    }

    static func failure(code: Int, message: String, cancelled: Bool = false) -> TransferOutput {
        TransferOutput(curlCode: code, errorMessage: message, status: 0, headers: HTTPHeaders(), body: Data(),
                       bodyTooLarge: false, cancelled: cancelled, effectiveURL: nil, redirectCount: 0, httpVersion: "",
                       timings: FetchTimings())
    }
}
