import Testing

@testable import BGPWire

/// ADD-PATH path identifiers in NLRI (RFC 7911 §3): golden bytes decoded, encoded back byte
/// for byte, kept per family, and the errors of an entry cut short.
@Suite struct UpdateMessageAddPathTests {
    static let both: Set<AddressFamily> = [.ipv4Unicast, .ipv6Unicast]
    static let options = CodecOptions(addPathReceive: both, addPathSend: both)
    static let nextHop = IPv6Address(0x2001, 0xDB8, 0, 0, 0, 0, 0, 1)
    static let base = PathAttributes(origin: .igp, asPath: ASPath(sequence: [65001]))
    static let route = IPv4Prefix.parse("10.0.1.0/24")
    static let route6 = IPv6Prefix.parse("2001:db8:1::/48")

    static let goldens: [(String, UpdateMessage)] = [
        (
            "update-add-path-ipv4",
            UpdateMessage(
                pathAttributes: PathAttributes(
                    origin: .igp, asPath: ASPath(sequence: [65001]), nextHop: .parse("192.0.2.2")),
                nlri: [route, route, .parse("10.0.0.5/32")],
                nlriPathIdentifiers: [1, 2, 0xFFFF_FFFE])
        ),
        (
            "update-add-path-withdraw",
            UpdateMessage(
                withdrawnRoutes: [route, .parse("192.0.2.5/32")], withdrawnPathIdentifiers: [1, 7])
        ),
        (
            "update-add-path-mp-reach-ipv6",
            UpdateMessage(
                pathAttributes: base,
                multiprotocolReach: .ipv6Unicast(
                    nextHop: nextHop, nlri: [route6, route6, IPv6Prefix.parse("::/0")],
                    pathIdentifiers: [1, 2, 10]))
        ),
        (
            "update-add-path-mp-unreach-ipv6",
            UpdateMessage(
                multiprotocolUnreach: .ipv6Unicast(
                    [IPv6Prefix.parse("2001:db8:1:2::/64")], pathIdentifiers: [3]))
        ),
    ]

    @Test(arguments: goldens)
    func decodesGoldenBytes(fixture: String, expected: UpdateMessage) throws {
        #expect(try Fixture.decode(fixture, options: Self.options) == .success(.update(expected)))
    }

    @Test(arguments: goldens.map(\.0))
    func encodesTheSameBytes(fixture: String) throws {
        let bytes = try Fixture.bytes(fixture)
        let message = try Fixture.decode(bytes, options: Self.options).get()
        #expect(message.encode(options: Self.options) == bytes)
    }

    static let errors: [ErrorCase] = [
        ErrorCase(
            fixture: "error-update-add-path-truncated", code: 3, subcode: 10, data: [],
            options: options),
        ErrorCase(
            fixture: "error-mp-reach-add-path-truncated", code: 3, subcode: 9,
            data: [0x80, 0x0E, 0x1E, 0x00, 0x02, 0x01, 0x10]
                + [0x20, 0x01, 0x0D, 0xB8] + [UInt8](repeating: 0, count: 11) + [0x01, 0x00]
                + [0x00, 0x00, 0x00, 0x01, 0x40, 0x20, 0x01, 0x0D, 0xB8],
            options: options),
    ]

    @Test(arguments: errors)
    func resetsTheSessionOnAnEntryCutShort(_ errorCase: ErrorCase) throws {
        try errorCase.check()
    }

    /// Every cut inside the last entry, path identifier or prefix, is the error of a
    /// truncated prefix (RFC 7606 §5.3): here in the NLRI field.
    @Test(arguments: 1...8)
    func treatsACutInTheNLRIAsAnUnparseablePrefix(dropped: Int) throws {
        let update = UpdateMessage(
            pathAttributes: Self.goldens[0].1.pathAttributes,
            nlri: [Self.route, .parse("192.0.2.5/32")], nlriPathIdentifiers: [1, 7])
        var bytes = Message.update(update).encode(options: Self.options)
        bytes.removeLast(dropped)
        bytes[17] = UInt8(bytes.count)
        #expect(Fixture.decode(bytes, options: Self.options) == .failure(Self.invalidNetwork))
    }

    /// The same in the withdrawn routes, whose length field then ends inside the entry.
    @Test(arguments: 1...8)
    func treatsACutInTheWithdrawnRoutesAsAnUnparseablePrefix(dropped: Int) throws {
        let update = UpdateMessage(
            withdrawnRoutes: [Self.route, .parse("192.0.2.5/32")], withdrawnPathIdentifiers: [1, 7])
        var bytes = Message.update(update).encode(options: Self.options)
        let withdrawnEnd = MessageLimits.headerLength + 2 + 17
        bytes.removeSubrange(withdrawnEnd - dropped..<withdrawnEnd)
        bytes[17] = UInt8(bytes.count)
        bytes[20] = UInt8(17 - dropped)
        #expect(Fixture.decode(bytes, options: Self.options) == .failure(Self.invalidNetwork))
    }

    static let invalidNetwork = NotificationMessage(code: .updateMessageError, subcode: 10)

    @Test func readsPathIdentifiersOnlyForTheNegotiatedFamilies() throws {
        let update = UpdateMessage(
            withdrawnRoutes: [Self.route], pathAttributes: Self.base,
            multiprotocolReach: .ipv6Unicast(
                nextHop: Self.nextHop, nlri: [Self.route6], pathIdentifiers: [42]),
            withdrawnPathIdentifiers: [5])
        let ipv6Only = CodecOptions(addPathReceive: [.ipv6Unicast], addPathSend: [.ipv6Unicast])
        let bytes = Message.update(update).encode(options: ipv6Only)

        var expected = update
        expected.withdrawnPathIdentifiers = []
        #expect(Fixture.decode(bytes, options: ipv6Only) == .success(.update(expected)))
        #expect(bytes == Message.update(expected).encode(options: ipv6Only))
    }

    @Test func sendsPathIdentifierZeroWhenTheMessageHasNone() throws {
        let update = UpdateMessage(withdrawnRoutes: [Self.route])
        let bytes = Message.update(update).encode(options: Self.options)
        #expect(bytes.suffix(12) == [0x00, 0x08, 0, 0, 0, 0, 0x18, 0x0A, 0x00, 0x01, 0x00, 0x00])

        var expected = update
        expected.withdrawnPathIdentifiers = [0]
        #expect(Fixture.decode(bytes, options: Self.options) == .success(.update(expected)))
    }

    @Test func leavesPathIdentifiersOutWithoutADDPATH() throws {
        let withIdentifiers = try Fixture.update("update-add-path-ipv4", options: Self.options)
        var plain = withIdentifiers
        plain.nlriPathIdentifiers = []
        #expect(
            Message.update(withIdentifiers).encode(options: CodecOptions())
                == Message.update(plain).encode(options: CodecOptions()))
    }
}
