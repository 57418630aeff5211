import Foundation
import Testing

@testable import FleetHTTPServer

@Suite("HTTP Date header")
struct HTTPDateHeaderTests {
    @Test("formats an IMF-fixdate in GMT, whatever the machine's time zone")
    func formatsIMFFixdate() {
        #expect(HTTPDateHeader.format(Date(timeIntervalSince1970: 0)) == "Thu, 01 Jan 1970 00:00:00 GMT")
        #expect(HTTPDateHeader.format(Date(timeIntervalSince1970: 1_700_000_000)) == "Tue, 14 Nov 2023 22:13:20 GMT")
        // RFC 9110's own example.
        #expect(HTTPDateHeader.format(Date(timeIntervalSince1970: 784_111_777)) == "Sun, 06 Nov 1994 08:49:37 GMT")
    }

    @Test("keeps one string for a whole second and makes a new one in the next")
    func cachesPerSecond() {
        let header = HTTPDateHeader()
        let start = Date(timeIntervalSince1970: 1_700_000_000.0)
        let first = header.value(at: start)
        #expect(header.value(at: start.addingTimeInterval(0.999)) == first)
        #expect(header.value(at: start.addingTimeInterval(1.0)) == "Tue, 14 Nov 2023 22:13:21 GMT")
        // A clock stepped back is followed too: the cache is keyed by second, not ordered.
        #expect(header.value(at: start) == first)
    }
}
