import COpenSSL

/// A checksum algorithm a BagIt manifest may name (`manifest-<name>.txt`).
///
/// All of them run through OpenSSL's libcrypto, the same code as `openssl dgst`.
public enum DigestAlgorithm: String, Sendable, CaseIterable, Comparable {
    case md5, sha1, sha224, sha256, sha384, sha512

    /// The name in manifest file names, e.g. `sha256`.
    public var name: String { rawValue }

    /// Length of the hex digest, used to reject malformed manifest lines early.
    public var hexLength: Int {
        switch self {
        case .md5: 32
        case .sha1: 40
        case .sha224: 56
        case .sha256: 64
        case .sha384: 96
        case .sha512: 128
        }
    }

    var evp: OpaquePointer? {
        switch self {
        case .md5: EVP_md5()
        case .sha1: EVP_sha1()
        case .sha224: EVP_sha224()
        case .sha256: EVP_sha256()
        case .sha384: EVP_sha384()
        case .sha512: EVP_sha512()
        }
    }

    public static func < (lhs: DigestAlgorithm, rhs: DigestAlgorithm) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
