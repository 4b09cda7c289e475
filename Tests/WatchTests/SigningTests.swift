import Foundation
import RencaiCore
import Testing
@testable import Watch

@Suite("Signing and redaction")
struct SigningTests {
    @Test("HMAC-SHA256 matches RFC 4231 test case 2")
    func rfc4231() {
        let mac = Signing.hmacSHA256(key: Array("Jefe".utf8), message: Array("what do ya want for nothing?".utf8))
        #expect(Signing.hex(mac) == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    /// The robots' formulas, recomputed by Python's hmac module (an implementation independent of ours).
    static func python(_ script: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", script]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        process.waitUntilExit()
        return String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static let hasPython: Bool = (try? python("import ssl, hmac; print(1)")) == "1"

    @Test("DingTalk signature: Base64(HMAC(secret, timestamp\\nsecret)), URL-encoded in the query", .enabled(if: hasPython, "python3 is needed to cross-check"))
    func dingTalk() throws {
        let signed = Signing.dingTalk(url: "https://oapi.dingtalk.com/robot/send?access_token=abc", secret: "SECabc123", timestampMillis: 1_700_000_000_123)
        let expected = try Self.python("""
            import hmac,hashlib,base64,urllib.parse
            s='SECabc123'; t='1700000000123'
            print(urllib.parse.quote_plus(base64.b64encode(hmac.new(s.encode(), (t+'\\n'+s).encode(), hashlib.sha256).digest())))
            """)
        #expect(signed.url == "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1700000000123&sign=\(expected)")
    }

    @Test("Feishu/Lark signature: Base64(HMAC(timestamp\\nsecret, empty))", .enabled(if: hasPython, "python3 is needed to cross-check"))
    func feishu() throws {
        let expected = try Self.python("""
            import hmac,hashlib,base64
            k='1700000000\\nlarksecret'
            print(base64.b64encode(hmac.new(k.encode(), b'', hashlib.sha256).digest()).decode())
            """)
        #expect(Signing.feishu(secret: "larksecret", timestampSeconds: 1_700_000_000) == expected)
    }

    @Test("the redactor hides secrets, their URL-encoded form and robot URL tokens")
    func redactor() throws {
        let channel = try ChannelConfig(id: "w", kind: .wecom, url: "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sif6", secret: "s3cr+t/value")
            .resolved(environment: [:])
        let text = channel.redactor.redact("failed https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx-4bc4-97a0-0ec2sif6 with s3cr+t/value and s3cr%2Bt%2Fvalue")
        #expect(!text.contains("693a91f6"))
        #expect(!text.contains("s3cr"))
        #expect(channel.displayURL == "https://qyapi.weixin.qq.com/…")
    }

    @Test("a short password is still hidden; a short URL query value is not a secret")
    func shortSecrets() throws {
        let redactor = Redactor(secrets: ["pw"], urlParts: ["1"])
        #expect(redactor.redact("login pw failed at step 1") == "login *** failed at step 1")
    }

    @Test("plain SMTP is refused for a server that is not on localhost")
    func plainSMTPOnlyLocal() throws {
        let remote = AlertsConfig(channels: [ChannelConfig(id: "m", kind: .smtp, url: "smtp://mail.example.com:25", from: "a@example.com", to: ["b@example.com"], tls: .plain)])
        #expect(throws: InputError.self) { try remote.validate(file: "rencai.yaml") }
        let local = AlertsConfig(channels: [ChannelConfig(id: "m", kind: .smtp, url: "smtp://127.0.0.1:2525", from: "a@example.com", to: ["b@example.com"], tls: .plain)])
        try local.validate(file: "rencai.yaml")
    }

    @Test("a secret named by an unset environment variable is an error that names the variable only")
    func missingEnv() throws {
        var channel = ChannelConfig(id: "d", kind: .dingtalk, url: "https://oapi.dingtalk.com/robot/send?access_token=t")
        channel.secretEnv = "RENCAI_TEST_UNSET_SECRET"
        #expect(throws: InputError.self) { try channel.resolved(environment: [:]) }
        let resolved = try channel.resolved(environment: ["RENCAI_TEST_UNSET_SECRET": "SECvalue"])
        #expect(resolved.secret == "SECvalue")
    }
}
