import Testing

@testable import BGPWire

@Suite struct UpdatePackerTests {
    static let attributes = PathAttributes(
        origin: .igp, asPath: ASPath(sequence: [64511]), nextHop: .parse("10.0.0.1"),
        communities: [.noExport])

    static func hosts(_ count: Int, base: UInt32 = 0x0A00_0000) -> [IPv4Prefix] {
        (0..<UInt32(count)).map { IPv4Prefix.host(IPv4Address(rawValue: base + $0)) }
    }

    static func decodeAll(_ messages: [[UInt8]], options: CodecOptions) throws -> [UpdateMessage] {
        try messages.map { bytes in
            try PathAttributeDecoderTests.decodeUpdate(bytes, options: options)
        }
    }

    @Test(arguments: [
        (0, 0, false), (1, 0, false), (0, 1, false), (3, 5, false), (2000, 0, false),
        (0, 3000, false), (1500, 1500, false), (10_000, 20_000, true),
    ])
    func packsEveryPrefixWithinTheLimit(withdrawnCount: Int, announcedCount: Int, extended: Bool)
        throws
    {
        let options = CodecOptions(fourOctetAS: true, extendedMessage: extended)
        let withdrawn = Self.hosts(withdrawnCount)
        let announced = Self.hosts(announcedCount, base: 0x0B00_0000)
        let messages = UpdatePacker.pack(
            withdrawn: withdrawn, announced: announced, attributes: Self.attributes,
            options: options)
        #expect(messages.allSatisfy { $0.count <= options.maximumMessageLength })

        let updates = try Self.decodeAll(messages, options: options)
        #expect(updates.flatMap(\.withdrawnRoutes) == withdrawn)
        #expect(updates.flatMap(\.nlri) == announced)
        #expect(updates.allSatisfy { $0.nlri.isEmpty || $0.pathAttributes == Self.attributes })
        #expect(updates.allSatisfy { !$0.treatAsWithdraw })

        // As few as fit: all but the last message are nearly full.
        let budget = options.maximumMessageLength
        #expect(messages.dropLast().allSatisfy { $0.count > budget - 40 })
    }

    @Test func withdrawsBeforeAnnouncing() throws {
        let messages = UpdatePacker.pack(
            withdrawn: Self.hosts(1000), announced: Self.hosts(10, base: 0x0B00_0000),
            attributes: Self.attributes, options: CodecOptions())
        let updates = try Self.decodeAll(messages, options: CodecOptions())
        #expect(updates.count == 2)
        #expect(updates[0].nlri.isEmpty)
        #expect(updates[1].withdrawnRoutes.count == 1000 - updates[0].withdrawnRoutes.count)
        #expect(updates[1].nlri.count == 10)
    }

    @Test func packIntoAppendsTheSameBytes() {
        var buffer: [UInt8] = [9]
        let count = UpdatePacker.packInto(
            &buffer, withdrawn: Self.hosts(900), announced: Self.hosts(900, base: 0x0B00_0000),
            attributes: Self.attributes, options: CodecOptions())
        let messages = UpdatePacker.pack(
            withdrawn: Self.hosts(900), announced: Self.hosts(900, base: 0x0B00_0000),
            attributes: Self.attributes, options: CodecOptions())
        #expect(count == messages.count)
        #expect(buffer == [9] + messages.flatMap { $0 })
    }

    @Test func packsForATwoOctetPeer() throws {
        var attributes = Self.attributes
        attributes.asPath = ASPath(sequence: [4_200_000_000, 64511])
        let messages = UpdatePacker.pack(
            withdrawn: [], announced: Self.hosts(2000), attributes: attributes, options: .beforeOpen
        )
        let updates = try Self.decodeAll(messages, options: .beforeOpen)
        #expect(updates.allSatisfy { $0.pathAttributes == attributes })
        #expect(updates.flatMap(\.nlri).count == 2000)
    }

    @Test func leavesOutAnnouncementsWhoseAttributesCannotFit() {
        var attributes = Self.attributes
        attributes.communities = (0..<1020).map { Community(rawValue: $0) }
        let messages = UpdatePacker.pack(
            withdrawn: Self.hosts(2), announced: Self.hosts(2, base: 0x0B00_0000),
            attributes: attributes, options: CodecOptions())
        #expect(messages.count == 1)
        #expect(messages[0].count == 23 + 10)
    }
}

// MARK: - IPv6 in multiprotocol attributes

extension UpdatePackerTests {
    static let nextHop = IPv6Address(0x2001, 0xDB8, 0, 0, 0, 0, 0, 1)
    static let linkLocal = IPv6Address(0xFE80, 0, 0, 0, 0, 0, 0, 1)

    static func hosts6(_ count: Int, high: UInt64 = 0x2001_0DB8_0000_0000) -> [IPv6Prefix] {
        (0..<UInt64(count)).map { IPv6Prefix.host(IPv6Address(high: high, low: $0)) }
    }

    @Test(arguments: [
        (0, 0, false), (1, 0, false), (0, 1, false), (3, 5, false), (500, 0, false),
        (0, 700, false), (400, 400, false), (5000, 6000, true),
    ])
    func packsEveryIPv6PrefixWithinTheLimit(
        withdrawnCount: Int, announcedCount: Int, extended: Bool
    ) throws {
        let options = CodecOptions(fourOctetAS: true, extendedMessage: extended)
        let withdrawn = Self.hosts6(withdrawnCount)
        let announced = Self.hosts6(announcedCount, high: 0x2001_0DB8_0000_0001)
        let messages = UpdatePacker.pack(
            withdrawn: withdrawn, announced: announced, nextHop: Self.nextHop,
            linkLocalNextHop: Self.linkLocal, attributes: Self.attributes, options: options)
        #expect(messages.allSatisfy { $0.count <= options.maximumMessageLength })

        let updates = try Self.decodeAll(messages, options: options)
        #expect(updates.flatMap { $0.multiprotocolUnreach?.withdrawn.ipv6 ?? [] } == withdrawn)
        #expect(updates.flatMap { $0.multiprotocolReach?.nlri.ipv6 ?? [] } == announced)
        #expect(updates.allSatisfy { $0.withdrawnRoutes.isEmpty && $0.nlri.isEmpty })
        #expect(updates.allSatisfy { !$0.treatAsWithdraw && $0.discardedAttributes.isEmpty })

        // As few as fit: all but the last message are nearly full.
        let budget = options.maximumMessageLength
        #expect(messages.dropLast().allSatisfy { $0.count > budget - 40 })
    }

    @Test func announcesUnderTheAttributesWithoutNextHop() throws {
        let messages = UpdatePacker.pack(
            withdrawn: Self.hosts6(300), announced: Self.hosts6(10, high: 1),
            nextHop: Self.nextHop, linkLocalNextHop: Self.linkLocal,
            attributes: Self.attributes, options: CodecOptions())
        let updates = try Self.decodeAll(messages, options: CodecOptions())
        var expected = Self.attributes
        expected.nextHop = nil
        #expect(updates.count == 2)
        // Withdrawals alone carry no other attribute (RFC 4760 §4).
        #expect(updates[0].pathAttributes.isEmpty && updates[0].multiprotocolReach == nil)
        let reach = try #require(updates[1].multiprotocolReach)
        #expect(reach.nextHop == .ipv6(global: Self.nextHop, linkLocal: Self.linkLocal))
        #expect(reach.nlri.count == 10)
        #expect(updates[1].pathAttributes == expected)
    }

    @Test func packsIPv6GoldenBytes() throws {
        let messages = UpdatePacker.pack(
            withdrawn: [.parse("2001:db8:1::/48")], announced: [.parse("2001:db8:2::/48")],
            nextHop: Self.nextHop, linkLocalNextHop: Self.linkLocal, attributes: Self.attributes,
            options: CodecOptions())
        #expect(messages == [try Fixture.bytes("update-packed-ipv6")])
    }

    @Test func packIntoAppendsTheSameIPv6Bytes() {
        var buffer: [UInt8] = [9]
        let count = UpdatePacker.packInto(
            &buffer, withdrawn: Self.hosts6(300), announced: Self.hosts6(300, high: 1),
            nextHop: Self.nextHop, attributes: Self.attributes, options: CodecOptions())
        let messages = UpdatePacker.pack(
            withdrawn: Self.hosts6(300), announced: Self.hosts6(300, high: 1),
            nextHop: Self.nextHop, attributes: Self.attributes, options: CodecOptions())
        #expect(count == messages.count && count > 1)
        #expect(buffer == [9] + messages.flatMap { $0 })
    }

    @Test func leavesOutIPv6AnnouncementsWhoseAttributesCannotFit() {
        var attributes = Self.attributes
        attributes.communities = (0..<1015).map { Community(rawValue: $0) }
        let messages = UpdatePacker.pack(
            withdrawn: Self.hosts6(1), announced: Self.hosts6(2, high: 1), nextHop: Self.nextHop,
            attributes: attributes, options: CodecOptions())
        #expect(messages.count == 1)
        #expect(messages[0].count == 23 + 3 + 3 + 17)
    }
}

/// The packers with ADD-PATH path identifiers (RFC 7911 §3): four more octets per prefix.
@Suite struct UpdatePackerAddPathTests {
    static let both: Set<AddressFamily> = [.ipv4Unicast, .ipv6Unicast]
    static let sending = CodecOptions(addPathSend: both)
    static let receiving = CodecOptions(addPathReceive: both)
    static let nextHop = IPv6Address(0x2001, 0xDB8, 0, 0, 0, 0, 0, 1)

    /// `count` paths of one /32 each, as a speaker sending several paths would have them.
    static func paths(_ count: Int) -> [UInt32] { (0..<UInt32(count)).map { $0 + 1 } }

    @Test(arguments: [(3, 5), (1500, 0), (0, 1500), (1200, 1200)])
    func packsEveryIPv4PathWithinTheLimit(withdrawnCount: Int, announcedCount: Int) throws {
        let withdrawn = UpdatePackerTests.hosts(withdrawnCount)
        let announced = UpdatePackerTests.hosts(announcedCount, base: 0x0B00_0000)
        let messages = UpdatePacker.pack(
            withdrawn: withdrawn, withdrawnPathIdentifiers: Self.paths(withdrawnCount),
            announced: announced, announcedPathIdentifiers: Self.paths(announcedCount).reversed(),
            attributes: UpdatePackerTests.attributes, options: Self.sending)
        #expect(messages.allSatisfy { $0.count <= MessageLimits.maximumLength })
        #expect(messages.dropLast().allSatisfy { $0.count > MessageLimits.maximumLength - 40 })

        let updates = try UpdatePackerTests.decodeAll(messages, options: Self.receiving)
        #expect(updates.flatMap(\.withdrawnRoutes) == withdrawn)
        #expect(updates.flatMap(\.withdrawnPathIdentifiers) == Self.paths(withdrawnCount))
        #expect(updates.flatMap(\.nlri) == announced)
        #expect(updates.flatMap(\.nlriPathIdentifiers) == Self.paths(announcedCount).reversed())
    }

    @Test func countsTheFourOctetsOfEachPathIdentifier() {
        // 4096 - 23 bytes of room: 452 withdrawn /32 of nine bytes, 814 of five.
        let hosts = UpdatePackerTests.hosts(2000)
        let withIdentifiers = UpdatePacker.pack(
            withdrawn: hosts, withdrawnPathIdentifiers: [], announced: [],
            announcedPathIdentifiers: [], attributes: PathAttributes(), options: Self.sending)
        let without = UpdatePacker.pack(
            withdrawn: hosts, announced: [], attributes: PathAttributes(), options: CodecOptions())
        #expect(withIdentifiers.first?.count == 23 + 452 * 9)
        #expect(without.first?.count == 23 + 814 * 5)
    }

    @Test func sendsIdentifiersOnlyWhenThePeerReceivesThem() {
        let hosts = UpdatePackerTests.hosts(900)
        let withIdentifiers = UpdatePacker.pack(
            withdrawn: hosts, withdrawnPathIdentifiers: Self.paths(900), announced: hosts,
            announcedPathIdentifiers: Self.paths(900), attributes: UpdatePackerTests.attributes,
            options: CodecOptions())
        let plain = UpdatePacker.pack(
            withdrawn: hosts, announced: hosts, attributes: UpdatePackerTests.attributes,
            options: CodecOptions())
        #expect(withIdentifiers == plain)
    }

    @Test func sendsZeroForEveryPrefixWithoutIdentifiers() throws {
        let messages = UpdatePacker.pack(
            withdrawn: [], withdrawnPathIdentifiers: [],
            announced: UpdatePackerTests.hosts(3), announcedPathIdentifiers: [],
            attributes: UpdatePackerTests.attributes, options: Self.sending)
        let updates = try UpdatePackerTests.decodeAll(messages, options: Self.receiving)
        #expect(updates.map(\.nlriPathIdentifiers) == [[0, 0, 0]])
    }

    @Test(arguments: [(3, 5), (1000, 0), (0, 1000), (800, 800)])
    func packsEveryIPv6PathWithinTheLimit(withdrawnCount: Int, announcedCount: Int) throws {
        let withdrawn = UpdatePackerTests.hosts6(withdrawnCount)
        let announced = UpdatePackerTests.hosts6(announcedCount, high: 0x2001_0DB8_0001_0000)
        let messages = UpdatePacker.pack(
            withdrawn: withdrawn, withdrawnPathIdentifiers: Self.paths(withdrawnCount),
            announced: announced, announcedPathIdentifiers: Self.paths(announcedCount),
            nextHop: Self.nextHop, attributes: UpdatePackerTests.attributes,
            options: Self.sending)
        #expect(messages.allSatisfy { $0.count <= MessageLimits.maximumLength })
        #expect(messages.dropLast().allSatisfy { $0.count > MessageLimits.maximumLength - 40 })

        let updates = try UpdatePackerTests.decodeAll(messages, options: Self.receiving)
        let unreach = updates.compactMap(\.multiprotocolUnreach)
        let reach = updates.compactMap(\.multiprotocolReach)
        #expect(unreach.flatMap(\.withdrawn.ipv6) == withdrawn)
        #expect(unreach.flatMap(\.pathIdentifiers) == Self.paths(withdrawnCount))
        #expect(reach.flatMap(\.nlri.ipv6) == announced)
        #expect(reach.flatMap(\.pathIdentifiers) == Self.paths(announcedCount))
    }

    @Test func packIntoAppendsTheSameBytes() {
        let hosts = UpdatePackerTests.hosts6(700)
        var buffer: [UInt8] = [9]
        let count = UpdatePacker.packInto(
            &buffer, withdrawn: hosts, withdrawnPathIdentifiers: Self.paths(700),
            announced: hosts, announcedPathIdentifiers: [], nextHop: Self.nextHop,
            attributes: UpdatePackerTests.attributes, options: Self.sending)
        let messages = UpdatePacker.pack(
            withdrawn: hosts, withdrawnPathIdentifiers: Self.paths(700), announced: hosts,
            announcedPathIdentifiers: [], nextHop: Self.nextHop,
            attributes: UpdatePackerTests.attributes, options: Self.sending)
        #expect(count == messages.count)
        #expect(buffer == [9] + messages.flatMap { $0 })
    }
}
