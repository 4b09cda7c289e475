import Foundation

/// Proxies from the environment, read the way curl reads them: `http_proxy` (lower case only — the upper-case
/// form can be injected through CGI's `HTTP_PROXY`), `https_proxy`/`HTTPS_PROXY`, `all_proxy`/`ALL_PROXY`, and
/// `no_proxy`/`NO_PROXY`. Loopback is always direct, so tests and the sample portal never go through a proxy.
public struct ProxySettings: Sendable, Hashable {
    public let http: String?
    public let https: String?
    /// The hosts that bypass the proxy, comma-separated, loopback included.
    public let noProxy: String

    public init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        func value(_ names: String...) -> String? {
            names.lazy.compactMap { environment[$0] }.first { !$0.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        let all = value("all_proxy", "ALL_PROXY")
        http = value("http_proxy") ?? all
        https = value("https_proxy", "HTTPS_PROXY") ?? all
        let existing = value("no_proxy", "NO_PROXY") ?? ""
        noProxy = ([existing] + ["localhost", "127.0.0.0/8", "::1"]).filter { !$0.isEmpty }.joined(separator: ",")
    }

    /// The proxy for a scheme, "" for a direct connection.
    public func proxy(forScheme scheme: String) -> String {
        (scheme.lowercased() == "https" ? https : http) ?? ""
    }
}
