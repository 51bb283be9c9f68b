import Testing

@testable import BGPWire

@Suite struct IPv4AddressTests {
    @Test(
        arguments: [
            ("0.0.0.0", 0x0000_0000), ("10.0.0.1", 0x0A00_0001), ("192.0.2.255", 0xC000_02FF),
            ("255.255.255.255", 0xFFFF_FFFF),
        ] as [(String, UInt32)])
    func parsesDottedQuads(text: String, value: UInt32) throws {
        let address = try #require(IPv4Address(text))
        #expect(address.rawValue == value)
        #expect(address.description == text)
    }

    @Test(arguments: [
        "", "1", "1.2.3", "1.2.3.4.5", "256.0.0.1", "1.2.3.-4", "1..3.4", "a.b.c.d",
        "010.0.0.1", "1.2.3.04", " 1.2.3.4", "1.2.3.4 ", "１.2.3.4", "1.2.3.1000",
    ])
    func refusesAnythingElse(text: String) {
        #expect(IPv4Address(text) == nil)
    }

    @Test func ordersNumerically() {
        #expect(IPv4Address(9, 255, 255, 255) < IPv4Address(10, 0, 0, 0))
        #expect(IPv4Address(10, 0, 0, 2).octets == [10, 0, 0, 2])
    }
}
