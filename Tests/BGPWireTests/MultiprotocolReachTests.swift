import Testing

@testable import BGPWire

/// MP_REACH_NLRI and MP_UNREACH_NLRI (RFC 4760) for IPv4 and IPv6 unicast: golden bytes,
/// the families kept raw, and the RFC 7606 outcomes of malformed ones.
@Suite struct MultiprotocolReachTests {
    static let nextHop = IPv6Address(0x2001, 0xDB8, 0, 0, 0, 0, 0, 1)
    static let base = PathAttributes(origin: .igp, asPath: ASPath(sequence: [65001]))
    static let first = IPv6Prefix.parse("2001:db8:1::/48")
    static let second = IPv6Prefix.parse("2001:db8:2:3::5/128")

    static let goldens: [(String, UpdateMessage)] = [
        (
            "update-mp-reach-ipv6",
            UpdateMessage(
                pathAttributes: base,
                multiprotocolReach: .ipv6Unicast(
                    nextHop: nextHop, nlri: [first, second, .parse("::/0")]))
        ),
        (
            "update-mp-reach-ipv6-link-local",
            UpdateMessage(
                pathAttributes: base,
                multiprotocolReach: .ipv6Unicast(
                    nextHop: nextHop, linkLocalNextHop: IPv6Address(0xFE80, 0, 0, 0, 0, 0, 0, 1),
                    nlri: [first]))
        ),
        (
            "update-mp-reach-ipv4",
            UpdateMessage(
                pathAttributes: base,
                multiprotocolReach: .ipv4Unicast(
                    nextHop: .parse("192.0.2.2"),
                    nlri: [.parse("10.0.1.0/24"), .parse("10.0.0.5/32")]))
        ),
        (
            "update-mp-reach-reserved",
            UpdateMessage(
                pathAttributes: base,
                multiprotocolReach: .ipv6Unicast(nextHop: nextHop, nlri: [first]))
        ),
        (
            "update-mp-unreach-ipv6",
            UpdateMessage(multiprotocolUnreach: .ipv6Unicast([first, second]))
        ),
        (
            "update-mp-unreach-ipv4",
            UpdateMessage(
                multiprotocolUnreach: MultiprotocolUnreach(
                    withdrawn: .ipv4Unicast([.parse("10.0.1.0/24")])))
        ),
        (
            "update-mp-reach-and-nlri",
            UpdateMessage(
                pathAttributes: PathAttributes(
                    origin: .igp, asPath: ASPath(sequence: [65001]), nextHop: .parse("192.0.2.2")),
                nlri: [.parse("10.0.1.0/24")],
                multiprotocolReach: .ipv6Unicast(nextHop: nextHop, nlri: [first]))
        ),
    ]

    @Test(arguments: goldens)
    func decodesGoldenBytes(fixture: String, expected: UpdateMessage) throws {
        #expect(try Fixture.decode(fixture) == .success(.update(expected)))
    }

    /// Fixtures this codec sends byte for byte: the multiprotocol attributes first.
    @Test(arguments: [
        "update-mp-reach-ipv6", "update-mp-reach-ipv4", "update-mp-unreach-ipv6",
        "update-mp-unreach-ipv4", "update-mp-reach-and-nlri", "update-mp-reach-other-family",
        "update-end-of-rib-ipv6", "update-end-of-rib-vpnv4", "update-packed-ipv6",
    ])
    func roundTripsCanonicalBytes(fixture: String) throws {
        let bytes = try Fixture.bytes(fixture)
        let message = try Fixture.decode(bytes).get()
        #expect(message.encode(options: CodecOptions()) == bytes)
    }

    @Test func keepsOtherFamiliesRawAndIgnoresThem() throws {
        let update = try Fixture.update("update-mp-reach-other-family")
        #expect(update.multiprotocolReach == nil && !update.treatAsWithdraw)
        #expect(
            update.pathAttributes.unrecognized == [
                RawAttribute(
                    flags: [.optional], type: .multiprotocolReachableNLRI,
                    value: [0, 25, 65, 2, 0xFF, 0xFF])
            ])
        #expect(update.nlri == [.parse("10.0.1.0/24")])
    }

    @Test func keepsOtherFamiliesNonTransitiveWhateverTheirFlags() throws {
        let update = try Fixture.update("update-mp-unreach-other-family-flags")
        #expect(update.multiprotocolUnreach == nil && !update.treatAsWithdraw)
        #expect(
            update.pathAttributes.unrecognized == [
                RawAttribute(
                    flags: [.optional], type: .multiprotocolUnreachableNLRI,
                    value: [0, 25, 65, 0xFF, 0xFF])
            ])
    }

    /// MP_REACH_NLRI needs ORIGIN and AS_PATH (RFC 4760 §3), and shares the outcome of
    /// any other attribute error (RFC 7606 §5.2).
    @Test(arguments: ["missing-origin", "missing-as-path", "bad-med"])
    func treatsAsWithdraw(_ name: String) throws {
        let update = try Fixture.update("taw-mp-reach-" + name)
        #expect(update.treatAsWithdraw)
        #expect(update.multiprotocolReach?.nlri == .ipv6Unicast([Self.first]))
    }

    @Test func needsNoNextHopAttributeForMultiprotocolNLRI() throws {
        let update = try Fixture.update("update-mp-reach-ipv6")
        #expect(update.pathAttributes.nextHop == nil && !update.treatAsWithdraw)
    }

    static let malformed = [
        "error-mp-reach-next-hop-length", "error-mp-reach-ipv4-next-hop-length",
        "error-mp-reach-next-hop-overrun", "error-mp-reach-no-reserved",
        "error-mp-reach-truncated", "error-mp-reach-nlri-overrun", "error-mp-reach-prefix-length",
        "error-mp-reach-ipv4-prefix-length", "error-mp-reach-flags",
        "error-mp-unreach-prefix-length", "error-mp-unreach-nlri-overrun",
        "error-mp-unreach-truncated",
    ]

    /// RFC 7606 §7.11 and §5.3: "session reset" or "AFI/SAFI disable"; Brindle resets with
    /// 3/9 Optional Attribute Error and the attribute as data (RFC 4760 §7).
    @Test(arguments: malformed)
    func resetsTheSessionOnAMalformedAttribute(_ fixture: String) throws {
        let bytes = try Fixture.bytes(fixture)
        // Each fixture has the multiprotocol attribute first, with a one-octet length.
        let attribute = Array(bytes[23..<26 + Int(bytes[25])])
        let expected = NotificationMessage(
            code: .updateMessageError, subcode: UpdateMessageSubcode.optionalAttributeError,
            data: attribute)
        #expect(Fixture.decode(bytes) == .failure(expected))
    }

    @Test func refusesANextHopOfAnotherFamily() {
        #expect(
            MultiprotocolReach(nextHop: .ipv4(.parse("192.0.2.1")), nlri: .ipv6Unicast([])) == nil)
        let reach = MultiprotocolReach(
            nextHop: .ipv6(global: Self.nextHop, linkLocal: nil), nlri: .ipv6Unicast([]))
        #expect(reach?.family == .ipv6Unicast)
    }

    @Test(arguments: [0, 1, 7, 8, 9, 48, 64, 65, 127, 128] as [UInt8])
    func encodesPrefixesOfEveryWidth(length: UInt8) throws {
        let all = IPv6Address(high: .max, low: .max)
        let prefix = try #require(IPv6Prefix(address: all, length: length))
        let update = UpdateMessage(multiprotocolUnreach: .ipv6Unicast([prefix]))
        let bytes = Message.update(update).encode(options: CodecOptions())
        #expect(bytes.count == 23 + 3 + 3 + 1 + (Int(length) + 7) / 8)
        #expect(Fixture.decode(bytes) == .success(.update(update)))
    }
}

extension IPv6Prefix {
    /// The prefix from text the test knows is valid.
    static func parse(_ text: String) -> IPv6Prefix {
        guard let prefix = IPv6Prefix(text) else { preconditionFailure("bad prefix \(text)") }
        return prefix
    }
}
