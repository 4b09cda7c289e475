import COpenSSL
import Foundation

/// SHA-256 of page bodies: how rencai tells unchanged content from changed content.
public enum ContentHash {
    /// The lowercase hex SHA-256 of `data`.
    public static func sha256Hex(_ data: Data) -> String {
        var digest = [UInt8](repeating: 0, count: 32)
        var length: UInt32 = 0
        let ok = data.withUnsafeBytes { raw in
            EVP_Digest(raw.baseAddress, raw.count, &digest, &length, EVP_sha256(), nil)
        }
        precondition(ok == 1, "EVP_Digest(SHA-256) failed")
        return digest.map { String(format: "%02x", $0) }.joined()
    }
}
