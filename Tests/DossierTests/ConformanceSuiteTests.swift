import Dossier
import Foundation
import Testing

/// Every case of the Library of Congress BagIt conformance suite (../shared/data/bagit-conformance-suite):
/// valid → valid, invalid → invalid, warning → valid with a warning, linux-only → invalid on Linux.
/// Unlike bagit.py, v1.0/invalid/bagit-with-invalid-whitespace must be rejected and the three warning
/// bags bagit.py rejects must be accepted with warnings.
@Suite("BagIt conformance suite", .enabled(if: TestSupport.hasSuite, "../shared/data/bagit-conformance-suite is absent; skipping the conformance cases"))
struct ConformanceSuiteTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let path: String
        let expectation: String
        var testDescription: String { "\(expectation): \(path)" }
    }

    static let cases: [Case] = {
        let fm = FileManager.default
        let root = TestSupport.conformanceSuite
        var cases: [Case] = []
        for version in ((try? fm.contentsOfDirectory(atPath: root.path)) ?? []).sorted() where version.hasPrefix("v") {
            for group in ["valid", "invalid", "warning", "linux-only"] {
                let dir = root.appendingPathComponent(version).appendingPathComponent(group)
                for name in ((try? fm.contentsOfDirectory(atPath: dir.path)) ?? []).sorted() {
                    var isDir: ObjCBool = false
                    if fm.fileExists(atPath: dir.appendingPathComponent(name).path, isDirectory: &isDir), isDir.boolValue {
                        cases.append(Case(path: "\(version)/\(group)/\(name)", expectation: group))
                    }
                }
            }
        }
        return cases
    }()

    @Test("the suite has its cases") func suiteIsThere() {
        #expect(Self.cases.count >= 50)
        #expect(Self.cases.contains { $0.path == "v1.0/invalid/bagit-with-invalid-whitespace" })
    }

    @Test("verify agrees with the expected outcome", arguments: cases)
    func agrees(_ testCase: Case) throws {
        let report = try BagValidator().validate(TestSupport.conformanceSuite.appendingPathComponent(testCase.path))
        switch testCase.expectation {
        case "valid":
            #expect(report.isValid, "\(report.problems)")
        case "warning":
            #expect(report.isValid, "\(report.problems)")
            #expect(!report.warnings.isEmpty)
        default:  // invalid, linux-only
            #expect(!report.isValid)
        }
    }
}
