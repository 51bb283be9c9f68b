import Testing

@testable import BGPWire

@Suite struct IPv6PrefixTests {
    @Test(
        arguments: [
            ("::/0", "::", 0), ("2001:db8::/32", "2001:db8::", 32),
            ("2001:db8:1::/48", "2001:db8:1::", 48),
            ("2001:db8::1", "2001:db8::1", 128),
            ("2001:db8::8000:0:0:0/65", "2001:db8:0:0:8000::", 65),
        ] as [(String, String, UInt8)])
    func parsesPrefixes(text: String, address: String, length: UInt8) throws {
        let prefix = try #require(IPv6Prefix(text))
        #expect(prefix.address == IPv6Address(address))
        #expect(prefix.length == length)
        #expect(IPv6Prefix(prefix.description) == prefix)
    }

    @Test(arguments: [
        "2001:db8::1/64", "2001:db8::/129", "2001:db8::/", "2001:db8::/032", "/64", "::/0/0",
        "2001:db8::/-1", "10.0.0.0/8",
    ])
    func refusesBadText(text: String) {
        #expect(IPv6Prefix(text) == nil)
    }

    @Test(arguments: [0, 1, 63, 64, 65, 127, 128] as [UInt8])
    func clearsHostBits(length: UInt8) throws {
        let all = IPv6Address(high: .max, low: .max)
        let prefix = try #require(IPv6Prefix(address: all, length: length))
        let ones = Int(length)
        #expect(prefix.address.high.nonzeroBitCount + prefix.address.low.nonzeroBitCount == ones)
        #expect(prefix.lastAddress == all)
        #expect(IPv6Prefix(address: all, length: 129) == nil)
    }

    @Test func containsPrefixesAndAddresses() throws {
        let net = try #require(IPv6Prefix("2001:db8::/32"))
        #expect(net.contains(try #require(IPv6Prefix("2001:db8:ffff::/48"))))
        #expect(net.contains(net))
        #expect(!net.contains(try #require(IPv6Prefix("2001::/16"))))
        #expect(!net.contains(try #require(IPv6Prefix("2001:db9::/48"))))
        #expect(net.contains(try #require(IPv6Address("2001:db8::1"))))
        #expect(!net.contains(try #require(IPv6Address("2001:db9::1"))))
        #expect(try #require(IPv6Prefix("::/0")).contains(net))
        #expect(IPv6Prefix.host(.unspecified).length == 128)
    }

    @Test func ordersByAddressThenLength() throws {
        let short = try #require(IPv6Prefix("2001:db8::/32"))
        let long = try #require(IPv6Prefix("2001:db8::/48"))
        let next = try #require(IPv6Prefix("2001:db9::/32"))
        #expect([next, long, short].sorted() == [short, long, next])
    }
}
