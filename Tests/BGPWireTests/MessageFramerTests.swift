import Testing

@testable import BGPWire

@Suite struct MessageFramerTests {
    private func frame(_ bytes: [UInt8], maximum: Int = 4096) -> Result<Int?, NotificationMessage> {
        bytes.withUnsafeBytes { buffer in
            Result { () throws(NotificationMessage) -> Int? in
                try MessageFramer.nextMessageLength(in: buffer, maximumLength: maximum)
            }
        }
    }

    @Test func findsTheFirstMessageOfTwo() throws {
        let stream = try Fixture.bytes("keepalive") + Fixture.bytes("update-announce")
        #expect(try frame(stream).get() == 19)
    }

    @Test func waitsForAWholeMessage() throws {
        let update = try Fixture.bytes("update-announce")
        for count in [0, 1, 18, 19, update.count - 1] {
            #expect(try frame(Array(update.prefix(count))).get() == nil)
        }
        #expect(try frame(update).get() == update.count)
    }

    @Test func rejectsABrokenMarker() throws {
        let bytes = try Fixture.bytes("error-header-marker")
        #expect(
            frame(bytes) == .failure(NotificationMessage(code: .messageHeaderError, subcode: 1)))
    }

    @Test(arguments: [(18, 4096), (4097, 4096), (5000, 4096), (0, 65535)])
    func rejectsABadLength(length: Int, maximum: Int) {
        var bytes = [UInt8](repeating: 0xFF, count: 16)
        bytes += [UInt8(length >> 8), UInt8(length & 0xFF), 4]
        let error = NotificationMessage(
            code: .messageHeaderError, subcode: 2, data: [UInt8(length >> 8), UInt8(length & 0xFF)])
        #expect(frame(bytes, maximum: maximum) == .failure(error))
    }

    @Test func allowsExtendedMessages() throws {
        var bytes = [UInt8](repeating: 0xFF, count: 16) + [0x20, 0x00, 2]
        bytes += [UInt8](repeating: 0, count: 0x2000 - 19)
        #expect(try frame(bytes, maximum: 65535).get() == 0x2000)
    }
}
