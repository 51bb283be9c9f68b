import Testing

@testable import BGPWire

/// IPv6 text both ways: RFC 4291 §2.2 forms in, RFC 5952 canonical text out.
@Suite struct IPv6AddressTests {
    /// Text that parses, and the canonical text and groups of the address.
    static let parsed: [(String, String, [UInt16])] = [
        ("::", "::", [0, 0, 0, 0, 0, 0, 0, 0]),
        ("::1", "::1", [0, 0, 0, 0, 0, 0, 0, 1]),
        ("1::", "1::", [1, 0, 0, 0, 0, 0, 0, 0]),
        ("2001:db8::1", "2001:db8::1", [0x2001, 0xDB8, 0, 0, 0, 0, 0, 1]),
        // RFC 5952 §4.1: leading zeros go; §4.3: lowercase.
        (
            "2001:0DB8:0000:0000:0000:0000:0000:0001", "2001:db8::1",
            [0x2001, 0xDB8, 0, 0, 0, 0, 0, 1]
        ),
        // §4.2.2: one zero group is not shortened.
        ("2001:db8:0:1:1:1:1:1", "2001:db8:0:1:1:1:1:1", [0x2001, 0xDB8, 0, 1, 1, 1, 1, 1]),
        ("2001:db8::1:1:1:1:1", "2001:db8:0:1:1:1:1:1", [0x2001, 0xDB8, 0, 1, 1, 1, 1, 1]),
        // §4.2.1: the longest run; §4.2.3: the first of equal runs.
        ("2001:0:0:1:0:0:0:1", "2001:0:0:1::1", [0x2001, 0, 0, 1, 0, 0, 0, 1]),
        ("2001:db8:0:0:1:0:0:1", "2001:db8::1:0:0:1", [0x2001, 0xDB8, 0, 0, 1, 0, 0, 1]),
        ("fe80::1:2", "fe80::1:2", [0xFE80, 0, 0, 0, 0, 0, 1, 2]),
        ("1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8", [1, 2, 3, 4, 5, 6, 7, 8]),
        ("1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0", [1, 2, 3, 4, 5, 6, 7, 0]),
        // RFC 4291 §2.2 (3) in, RFC 5952 §5 out for IPv4-mapped addresses only.
        ("::ffff:192.0.2.1", "::ffff:192.0.2.1", [0, 0, 0, 0, 0, 0xFFFF, 0xC000, 0x0201]),
        ("64:ff9b::192.0.2.1", "64:ff9b::c000:201", [0x64, 0xFF9B, 0, 0, 0, 0, 0xC000, 0x0201]),
    ]

    @Test(arguments: parsed)
    func parsesAndPrintsCanonically(text: String, canonical: String, groups: [UInt16]) throws {
        let address = try #require(IPv6Address(text))
        #expect(address.groups == groups)
        #expect(address.description == canonical)
        #expect(IPv6Address(canonical) == address)
    }

    @Test(arguments: [
        "", ":", ":::", "1", "1:2", ":1:2:3:4:5:6:7", "1:2:3:4:5:6:7:", "1:2:3:4:5:6:7:8:9",
        "1::2::3", "12345::", "g::", "::1.2.3", "1.2.3.4::", "::1.2.3.4:5", "fe80::1%eth0",
        " ::1", "::1 ", "1:2:3:4:5:6:7:8::", "::１", "1:2:3:4:5:6:1.2.3.4:5",
    ])
    func refusesAnythingElse(text: String) {
        #expect(IPv6Address(text) == nil)
    }

    @Test func convertsOctetsBothWays() throws {
        let octets: [UInt8] = [0x20, 0x01, 0x0D, 0xB8] + Array(repeating: 0, count: 11) + [9]
        let address = try #require(IPv6Address(octets: octets))
        #expect(address == IPv6Address(0x2001, 0xDB8, 0, 0, 0, 0, 0, 9))
        #expect(address.octets == octets)
        #expect(IPv6Address(octets: [1, 2, 3]) == nil)
    }

    @Test func ordersNumericallyAndKnowsLinkLocal() throws {
        let low = try #require(IPv6Address("2001:db8::ffff:ffff"))
        let high = try #require(IPv6Address("2001:db8:0:1::"))
        #expect(low < high)
        #expect(IPv6Address.unspecified < low)
        #expect(try #require(IPv6Address("fe80::1")).isLinkLocal)
        #expect(try #require(IPv6Address("febf::1")).isLinkLocal)
        #expect(try !#require(IPv6Address("fec0::1")).isLinkLocal)
    }
}

@Test(arguments: [
    ("::ffff:10.30.0.254", true), ("::ffff:0:0", true), ("::fffe:a1e:fe", false),
    ("fd00::ffff:a1e:fe", false), ("::1", false),
])
func ipv4MappedAddressesAreRecognised(text: String, mapped: Bool) throws {
    #expect(try #require(IPv6Address(text)).isIPv4Mapped == mapped)
}

@Test(arguments: [
    ("::", "the unspecified address"), ("::1", "the loopback address"),
    ("ff02::1", "a multicast address"), ("fd00:30::fe", nil), ("fe80::1", nil), ("::2", nil),
])
func specialPurposeAddressesAreNamed(text: String, kind: String?) throws {
    #expect(try #require(IPv6Address(text)).specialPurpose == kind)
}
