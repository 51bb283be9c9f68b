import Testing

@testable import BGPWire

/// Where each family's routes sit in an UPDATE, and the round trip through its packer.
@Suite struct RoutePrefixTests {
    static let attributes = PathAttributes(origin: .igp, asPath: ASPath(sequence: [65001]))
    static let v6NextHop = IPv6Address("fd00:10::2")!
    static let v6Routes = [IPv6Prefix("fd00:65::7/128")!, IPv6Prefix("fd00:66::/64")!]

    /// An UPDATE carrying IPv4 NLRI with NEXT_HOP and IPv6 in MP_REACH_NLRI.
    static var dualStackUpdate: UpdateMessage {
        var attributes = Self.attributes
        attributes.nextHop = IPv4Address(192, 0, 2, 2)
        return UpdateMessage(
            withdrawnRoutes: [IPv4Prefix("10.9.0.0/16")!], pathAttributes: attributes,
            nlri: [IPv4Prefix("10.1.0.0/24")!],
            multiprotocolReach: .ipv6Unicast(nextHop: v6NextHop, nlri: v6Routes),
            multiprotocolUnreach: nil)
    }

    @Test func ipv4TakesTheNLRIFieldsWithNextHop() throws {
        let update = Self.dualStackUpdate
        #expect(IPv4Prefix.withdrawn(in: update) == [IPv4Prefix("10.9.0.0/16")!])
        let batches = IPv4Prefix.announcements(in: update)
        #expect(batches.map(\.prefixes) == [[IPv4Prefix("10.1.0.0/24")!]])
        #expect(try #require(batches.first).attributes.nextHop == IPv4Address(192, 0, 2, 2))
    }

    @Test func ipv6TakesMPReachWithItsNextHopAndWithoutNextHop() throws {
        let batches = IPv6Prefix.announcements(in: Self.dualStackUpdate)
        #expect(batches.map(\.prefixes) == [Self.v6Routes])
        let attributes = try #require(batches.first).attributes
        #expect(attributes.nextHop == nil)
        #expect(IPv6Prefix.nextHop(in: attributes) == Self.v6NextHop)
        #expect(IPv6Prefix.withdrawn(in: Self.dualStackUpdate).isEmpty)
    }

    @Test func ipv4InMPReachGetsItsNextHopAsNextHop() throws {
        let update = UpdateMessage(
            pathAttributes: Self.attributes,
            multiprotocolReach: .ipv4Unicast(
                nextHop: IPv4Address(192, 0, 2, 9), nlri: [IPv4Prefix("10.2.0.0/16")!]))
        let batches = IPv4Prefix.announcements(in: update)
        #expect(batches.map(\.prefixes) == [[IPv4Prefix("10.2.0.0/16")!]])
        #expect(try #require(batches.first).attributes.nextHop == IPv4Address(192, 0, 2, 9))
        #expect(IPv6Prefix.announcements(in: update).isEmpty)
    }

    @Test func ipv6WithdrawalsComeFromMPUnreach() {
        let update = UpdateMessage(multiprotocolUnreach: .ipv6Unicast(Self.v6Routes))
        #expect(IPv6Prefix.withdrawn(in: update) == Self.v6Routes)
        #expect(IPv4Prefix.withdrawn(in: update).isEmpty)
    }

    @Test func ipv6PackedRoutesDecodeBackWithTheirNextHop() throws {
        var attributes = Self.attributes
        IPv6Prefix.setNextHop(Self.v6NextHop, in: &attributes)
        let options = CodecOptions(fourOctetAS: true, extendedMessage: false)
        let messages = IPv6Prefix.pack(
            withdrawn: [IPv6Prefix("fd00:99::/64")!], announced: Self.v6Routes,
            attributes: attributes, options: options)
        let updates = try messages.map {
            try PathAttributeDecoderTests.decodeUpdate($0, options: options)
        }
        #expect(updates.flatMap { IPv6Prefix.withdrawn(in: $0) } == [IPv6Prefix("fd00:99::/64")!])
        let announced = updates.flatMap { IPv6Prefix.announcements(in: $0) }
        #expect(announced.flatMap(\.prefixes) == Self.v6Routes)
        #expect(announced.allSatisfy { $0.attributes == attributes })
    }

    @Test func ipv6AnnouncementsWithoutANextHopAreNotPacked() throws {
        let options = CodecOptions(fourOctetAS: true, extendedMessage: false)
        let messages = IPv6Prefix.pack(
            withdrawn: [], announced: Self.v6Routes, attributes: Self.attributes,
            options: options)
        #expect(messages.isEmpty)
    }

    @Test(arguments: [
        ("10.0.0.0/8", "10.1.2.0/24", true), ("10.0.0.0/8", "11.0.0.0/8", false),
        ("fd00::/16", "fd00:65::/64", true), ("fd00::/16", "10.0.0.0/8", false),
        ("10.0.0.0/8", "fd00::/16", false),
    ])
    func familyNeutralPrefixesContainOnlyTheirOwnFamily(
        outer: String, inner: String, contains: Bool
    ) throws {
        let outer = try #require(IPPrefix(outer))
        let inner = try #require(IPPrefix(inner))
        #expect(outer.contains(inner) == contains)
        #expect(outer.overlaps(inner) == contains)
    }

    @Test func familyNeutralValuesParseAndPrint() throws {
        #expect(IPAddress("10.0.0.1") == .v4(IPv4Address(10, 0, 0, 1)))
        #expect(IPAddress("fd00::1")?.afi == .ipv6)
        #expect(IPAddress("fd00::1")?.hostPrefix == IPPrefix("fd00::1/128"))
        #expect(IPAddress("10.0.0.300") == nil)
        #expect(IPPrefix("10.0.0.1/24") == nil)
        #expect(IPPrefix("fd00:65::/64")?.description == "fd00:65::/64")
        #expect(try #require(IPPrefix("10.0.0.0/8")) < #require(IPPrefix("::/0")))
        #expect(AddressFamily.ipv6Unicast.description == "ipv6-unicast")
    }
}
