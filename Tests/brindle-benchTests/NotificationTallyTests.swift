import Testing

@testable import brindle_bench

/// Counting rtnetlink route notifications.
@Suite struct NotificationTallyTests {
    /// An RTM_NEWROUTE (or another type) for an IPv4 destination, host byte order.
    static func notification(
        _ destination: [UInt8], length: UInt8, protocolNumber: UInt8, type: UInt16 = 24,
        family: UInt8 = 2
    ) -> [UInt8] {
        let attribute = little(UInt16(8)) + little(UInt16(1)) + destination
        let route = [family, length, 0, 0, 254, protocolNumber, 0, 1] + [0, 0, 0, 0]
        let total = 16 + route.count + attribute.count
        return little(UInt32(total)) + little(type) + [0, 0] + [UInt8](repeating: 0, count: 8)
            + route + attribute
    }

    static func little<Value: FixedWidthInteger>(_ value: Value) -> [UInt8] {
        withUnsafeBytes(of: value.littleEndian) { Array($0) }
    }

    @Test func countsDistinctPrefixesOfTheProtocolAndFamily() {
        var tally = NotificationTally(family: 2, protocolNumber: 150)
        let datagram =
            Self.notification([10, 1, 0, 0], length: 24, protocolNumber: 150)
            + Self.notification([10, 1, 0, 0], length: 24, protocolNumber: 150)
            + Self.notification([10, 1, 0, 0], length: 16, protocolNumber: 150)
            + Self.notification([10, 2, 0, 0], length: 24, protocolNumber: 12)
            + Self.notification([10, 3, 0, 0], length: 24, protocolNumber: 150, type: 25)
            + Self.notification([10, 4, 0, 0], length: 24, protocolNumber: 150, family: 10)
        tally.read(datagram[...], at: 0.5)
        tally.read(
            Self.notification([10, 5, 0, 0], length: 24, protocolNumber: 150)[...], at: 0.75)
        #expect(tally.count == 3)
        #expect(tally.first == 0.5 && tally.last == 0.75)
    }

    @Test func anyProtocolCountsWhenNoneIsGivenAndACutMessageIsIgnored() {
        var tally = NotificationTally(family: 2, protocolNumber: nil)
        let whole = Self.notification([10, 2, 0, 0], length: 24, protocolNumber: 12)
        tally.read((whole + whole.prefix(20))[...], at: 1)
        #expect(tally.count == 1)
        #expect(
            tally.json
                == #"{"mode":"kernel-watch","routes":1,"first_s":1.0,"last_s":1.0,"overflows":0}"#)
    }
}
