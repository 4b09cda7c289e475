import Foundation
import Testing
@testable import RencaiCore

@Suite("HTTP dates (IMF-fixdate)")
struct HTTPDateTests {
    @Test("formats and parses the RFC 9110 example")
    func example() {
        let date = Date(timeIntervalSince1970: 784_111_777)   // Sun, 06 Nov 1994 08:49:37 GMT (RFC 9110 §5.6.7)
        #expect(HTTPDate.format(date) == "Sun, 06 Nov 1994 08:49:37 GMT")
        #expect(HTTPDate.parse("Sun, 06 Nov 1994 08:49:37 GMT") == date)
        #expect(HTTPDate.parse("06/11/1994") == nil)
    }
}
