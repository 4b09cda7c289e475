import COpenSSL
import Foundation

/// The signatures robot webhooks ask for, with OpenSSL's HMAC-SHA256.
///
/// ```swift
/// let (url, _) = Signing.dingTalk(url: robotURL, secret: "SEC…", timestampMillis: 1_700_000_000_000)
/// ```
public enum Signing {
    /// HMAC-SHA256 of `message` under `key`.
    public static func hmacSHA256(key: [UInt8], message: [UInt8]) -> [UInt8] {
        var out = [UInt8](repeating: 0, count: Int(EVP_MAX_MD_SIZE))
        var length: UInt32 = 0
        let ok = key.withUnsafeBufferPointer { k in
            message.withUnsafeBufferPointer { m in
                out.withUnsafeMutableBufferPointer { o in
                    HMAC(EVP_sha256(), k.baseAddress, Int32(k.count), m.baseAddress, m.count, o.baseAddress, &length)
                }
            }
        }
        return ok == nil ? [] : Array(out.prefix(Int(length)))
    }

    public static func hex(_ bytes: [UInt8]) -> String { bytes.map { String(format: "%02x", $0) }.joined() }

    /// DingTalk (钉钉) robot "加签": sign = Base64(HMAC-SHA256(key: secret, "timestamp\nsecret")), timestamp in
    /// milliseconds; both go in the query string. Returns the signed URL and the signature.
    public static func dingTalk(url: String, secret: String, timestampMillis: Int64) -> (url: String, sign: String) {
        let stringToSign = "\(timestampMillis)\n\(secret)"
        let sign = Data(hmacSHA256(key: Array(secret.utf8), message: Array(stringToSign.utf8))).base64EncodedString()
        let encoded = sign.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? sign
        let separator = url.contains("?") ? "&" : "?"
        return ("\(url)\(separator)timestamp=\(timestampMillis)&sign=\(encoded)", sign)
    }

    /// Feishu/Lark custom bot signature: Base64(HMAC-SHA256(key: "timestamp\nsecret", empty message)),
    /// timestamp in seconds; both go in the JSON body.
    public static func feishu(secret: String, timestampSeconds: Int64) -> String {
        let key = "\(timestampSeconds)\n\(secret)"
        return Data(hmacSHA256(key: Array(key.utf8), message: [])).base64EncodedString()
    }

    /// Generic webhook: hex HMAC-SHA256 of "timestamp.body" under the secret (`X-Rencai-Signature: sha256=…`).
    public static func generic(body: Data, secret: String, timestampSeconds: Int64) -> String {
        "sha256=" + hex(hmacSHA256(key: Array(secret.utf8), message: Array("\(timestampSeconds).".utf8) + Array(body)))
    }
}
