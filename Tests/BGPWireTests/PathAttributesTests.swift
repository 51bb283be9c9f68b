import Testing

@testable import BGPWire

/// Encoding path attributes: order, flags, lengths and AS4 attributes.
@Suite struct PathAttributesTests {
    /// The (flags, type) of each attribute in an encoded block.
    static func headers(_ attributes: PathAttributes, options: CodecOptions) -> [(UInt8, UInt8)] {
        var bytes: [UInt8] = []
        attributes.encode(into: &bytes, options: options)
        var headers: [(UInt8, UInt8)] = []
        var index = 0
        while index + 2 < bytes.count {
            let extended = bytes[index] & 0x10 != 0
            let length =
                extended
                ? Int(bytes[index + 2]) << 8 | Int(bytes[index + 3]) : Int(bytes[index + 2])
            headers.append((bytes[index], bytes[index + 1]))
            index += (extended ? 4 : 3) + length
        }
        return headers
    }

    @Test func writesEachAttributeWithItsFlagsInTypeOrder() {
        let attributes = PathAttributes(
            origin: .incomplete, asPath: ASPath(sequence: [65001]), nextHop: .parse("10.0.0.1"),
            multiExitDiscriminator: 5, localPreference: 100, atomicAggregate: true,
            aggregator: Aggregator(autonomousSystem: 65001, address: .parse("10.0.0.1")),
            communities: [.noAdvertise], originatorID: .parse("10.0.0.9"),
            clusterList: [.parse("10.0.0.10")],
            extendedCommunities: [ExtendedCommunity(rawValue: 1)],
            largeCommunities: [
                LargeCommunity(globalAdministrator: 1, localData1: 2, localData2: 3)
            ],
            unrecognized: [
                RawAttribute(
                    flags: [.optional, .transitive], type: AttributeType(rawValue: 99), value: [1]),
                RawAttribute(flags: [.optional, .transitive], type: .as4Path, value: []),
                RawAttribute(
                    flags: [.optional, .transitive], type: AttributeType(rawValue: 12), value: [2]),
            ])
        let headers = Self.headers(attributes, options: CodecOptions())
        #expect(headers.map(\.1) == [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 16, 17, 32, 99])
        #expect(
            headers.map(\.0) == [
                0x40, 0x40, 0x40, 0x80, 0x40, 0x40, 0xC0, 0xC0, 0x80, 0x80, 0xE0, 0xC0, 0xE0,
                0xC0, 0xE0,
            ])
    }

    @Test func roundTripsTheDecodedOptionalAttributes() throws {
        let attributes = PathAttributes(
            origin: .igp, asPath: ASPath(sequence: [65001]), nextHop: .parse("10.0.0.1"),
            originatorID: .parse("10.0.0.9"),
            clusterList: [.parse("10.0.0.10"), .parse("10.0.0.11")],
            extendedCommunities: [
                ExtendedCommunity(rawValue: 0x0002_FDE9_0000_0064),
                ExtendedCommunity(rawValue: 0x4300_0000_0000_0001),
            ],
            largeCommunities: [
                LargeCommunity(globalAdministrator: 4_200_000_000, localData1: 0, localData2: 7)
            ])
        #expect(!attributes.isEmpty)
        #expect(attributes.extendedCommunities.map(\.type) == [0x00, 0x43])
        for options in [CodecOptions(), CodecOptions.beforeOpen] {
            let message = Message.update(
                UpdateMessage(pathAttributes: attributes, nlri: [.parse("10.9.0.0/16")]))
            let bytes = message.encode(options: options)
            #expect(Fixture.decode(bytes, options: options) == .success(message))
        }
    }

    @Test func eachDecodedOptionalAttributeMakesTheSetNonEmpty() {
        let sets = [
            PathAttributes(originatorID: .parse("10.0.0.9")),
            PathAttributes(clusterList: [.parse("10.0.0.9")]),
            PathAttributes(extendedCommunities: [ExtendedCommunity(rawValue: 0)]),
            PathAttributes(
                largeCommunities: [
                    LargeCommunity(globalAdministrator: 0, localData1: 0, localData2: 0)
                ]),
        ]
        #expect(sets.allSatisfy { !$0.isEmpty })
        #expect(PathAttributes().isEmpty)
        #expect(
            LargeCommunity(globalAdministrator: 65001, localData1: 1, localData2: 2).description
                == "65001:1:2")
    }

    @Test func usesTheExtendedLengthOnlyAbove255Bytes() {
        let communities = (0..<63).map { Community(rawValue: $0) }
        var attributes = PathAttributes(origin: .igp, communities: communities)
        #expect(Self.headers(attributes, options: CodecOptions()).last! == (0xC0, 8))
        attributes.communities.append(Community(rawValue: 63))
        #expect(Self.headers(attributes, options: CodecOptions()).last! == (0xD0, 8))

        let message = Message.update(UpdateMessage(pathAttributes: attributes, nlri: []))
        let bytes = message.encode(options: CodecOptions())
        #expect(Fixture.decode(bytes) == .success(message))
    }

    @Test func writesAnEmptyASPathBesideOrigin() {
        let headers = Self.headers(
            PathAttributes(origin: .igp, nextHop: .parse("10.0.0.1")), options: CodecOptions())
        #expect(headers.map(\.1) == [1, 2, 3])
        #expect(Self.headers(PathAttributes(), options: CodecOptions()).isEmpty)
    }

    @Test func addsAS4AttributesForATwoOctetPeerOnlyWhenNeeded() {
        var attributes = PathAttributes(
            origin: .igp, asPath: ASPath(sequence: [65001, 65002]), nextHop: .parse("10.0.0.1"))
        #expect(Self.headers(attributes, options: .beforeOpen).map(\.1) == [1, 2, 3])

        attributes.asPath = ASPath(sequence: [65001, 4_200_000_000])
        attributes.aggregator = Aggregator(
            autonomousSystem: 4_200_000_000, address: .parse("10.0.0.1"))
        #expect(Self.headers(attributes, options: .beforeOpen).map(\.1) == [1, 2, 3, 7, 17, 18])
        #expect(Self.headers(attributes, options: CodecOptions()).map(\.1) == [1, 2, 3, 7])
    }

    @Test func writesASTransInTwoOctetFields() {
        let attributes = PathAttributes(
            asPath: ASPath(sequence: [4_200_000_000]),
            aggregator: Aggregator(autonomousSystem: 4_200_000_000, address: .parse("10.0.0.1")))
        var bytes: [UInt8] = []
        attributes.encode(into: &bytes, options: .beforeOpen)
        // AS_PATH: 40 02 04 02 01 5ba0; AGGREGATOR: c0 07 06 5ba0 0a000001.
        #expect(Array(bytes[0..<7]) == [0x40, 2, 4, 2, 1, 0x5B, 0xA0])
        #expect(Array(bytes[7..<16]) == [0xC0, 7, 6, 0x5B, 0xA0, 10, 0, 0, 1])
    }

    @Test func roundTripsThroughATwoOctetPeer() throws {
        let attributes = PathAttributes(
            origin: .egp,
            asPath: ASPath(segments: [
                ASPathSegment(type: .sequence, autonomousSystems: [65001, 4_200_000_000]),
                ASPathSegment(type: .set, autonomousSystems: [4_200_000_001, 65100]),
            ]),
            nextHop: .parse("10.0.0.1"),
            aggregator: Aggregator(autonomousSystem: 4_200_000_000, address: .parse("10.0.0.1")))
        let message = Message.update(
            UpdateMessage(pathAttributes: attributes, nlri: [.parse("10.9.0.0/16")]))
        let bytes = message.encode(options: .beforeOpen)
        #expect(Fixture.decode(bytes, options: .beforeOpen) == .success(message))
    }

    @Test func splitsSegmentsLongerThan255() throws {
        let path = ASPath(sequence: (1...300).map(UInt32.init))
        let attributes = PathAttributes(origin: .igp, asPath: path, nextHop: .parse("10.0.0.1"))
        let message = Message.update(
            UpdateMessage(pathAttributes: attributes, nlri: [.parse("10.0.0.0/8")]))
        let update = try PathAttributeDecoderTests.decodeUpdate(
            message.encode(options: CodecOptions()))
        #expect(update.pathAttributes.asPath.segments.map(\.autonomousSystems.count) == [255, 45])
        #expect(update.pathAttributes.asPath.length == 300)
    }
}

// MARK: - The Partial bit

extension PathAttributesTests {
    /// RFC 4271 §5: a recognised optional transitive attribute passed on keeps the Partial
    /// bit it came with.
    @Test func keepsThePartialBitOfRecognisedAttributes() throws {
        let bytes = try Fixture.bytes("update-partial-transitive")
        let update = try Fixture.update("update-partial-transitive")
        #expect(
            update.pathAttributes.partialAttributes
                == AttributeTypeSet([
                    .aggregator, .communities, .extendedCommunities, .largeCommunities,
                ]))
        #expect(!update.treatAsWithdraw && update.discardedAttributes.isEmpty)
        #expect(Message.update(update).encode(options: CodecOptions()) == bytes)
    }

    @Test func keepsThePartialBitOfAS4Attributes() throws {
        let bytes = try Fixture.bytes("update-as4-partial")
        let update = try Fixture.update("update-as4-partial", options: .beforeOpen)
        #expect(
            update.pathAttributes.partialAttributes
                == AttributeTypeSet([.as4Path, .as4Aggregator]))
        #expect(update.pathAttributes.asPath == ASPath(sequence: [65001, 4_200_000_000]))
        #expect(Message.update(update).encode(options: .beforeOpen) == bytes)
    }

    /// An AS4_PATH that only repeats two-octet ASes is not sent again (RFC 6793 §4.2.2), so
    /// its Partial bit is not kept either.
    @Test func forgetsThePartialBitOfAnAS4PathNotSentAgain() throws {
        let bytes = try Fixture.parse(
            """
            ffffffffffffffffffffffffffffffff 0036 02 0000 001d
            40 01 01 00                               # ORIGIN IGP
            40 02 06 02 02 fde9 fdea                  # AS_PATH 65001 65002
            40 03 04 c0000202                         # NEXT_HOP 192.0.2.2
            e0 11 06 02 01 0000fdea                   # AS4_PATH 65002, Partial
            08 0a                                     # 10.0.0.0/8
            """)
        let update = try PathAttributeDecoderTests.decodeUpdate(bytes, options: .beforeOpen)
        #expect(update.pathAttributes.partialAttributes.isEmpty)
        #expect(update.pathAttributes.asPath == ASPath(sequence: [65001, 65002]))
    }

    @Test func setsNoPartialBitThatDidNotCome() throws {
        let update = try Fixture.update("update-every-attribute")
        #expect(update.pathAttributes.partialAttributes.isEmpty)
        let headers = Self.headers(update.pathAttributes, options: CodecOptions())
        #expect(headers.allSatisfy { $0.0 & 0x20 == 0 })
    }

    @Test func setsThePartialBitWhenAsked() {
        let attributes = PathAttributes(
            origin: .igp, communities: [.noExport],
            partialAttributes: AttributeTypeSet([.communities]))
        let headers = Self.headers(attributes, options: CodecOptions())
        #expect(headers.last.map { $0.0 } == 0xE0)
        #expect(headers.last.map { $0.1 } == AttributeType.communities.rawValue)
    }
}

/// The attributes few routes carry live behind a box of their own; what is seen from
/// outside must not depend on whether a box was ever made.
@Suite struct PathAttributesRareFieldsTests {
    private let base = PathAttributes(
        origin: .igp, asPath: ASPath(sequence: [65001]), nextHop: IPv4Address(192, 0, 2, 1))

    @Test func aRareAttributeSetThenClearedLeavesAnEqualSetWithTheSameHash() {
        var changed = base
        changed.originatorID = IPv4Address(10, 0, 0, 9)
        changed.clusterList = [IPv4Address(10, 0, 0, 1)]
        #expect(changed != base)
        changed.originatorID = nil
        changed.clusterList = []
        #expect(changed == base)
        #expect(changed.hashValue == base.hashValue)
    }

    @Test func changingARareAttributeOfACopyLeavesTheOriginal() {
        var original = base
        original.largeCommunities = [
            LargeCommunity(globalAdministrator: 65001, localData1: 1, localData2: 2)
        ]
        var copy = original
        copy.largeCommunities.append(
            LargeCommunity(globalAdministrator: 65001, localData1: 3, localData2: 4))
        copy.extendedCommunities = [ExtendedCommunity(rawValue: 0x0002_FDE9_0000_0001)]
        #expect(original.largeCommunities.count == 1)
        #expect(original.extendedCommunities.isEmpty)
        #expect(copy.largeCommunities.count == 2)
    }

    @Test func theInitialiserAndTheSettersMakeEqualSets() {
        let made = PathAttributes(
            origin: .igp, asPath: ASPath(sequence: [65001]), nextHop: IPv4Address(192, 0, 2, 1),
            aggregator: Aggregator(autonomousSystem: 65001, address: IPv4Address(10, 0, 0, 2)))
        var set = base
        set.aggregator = Aggregator(autonomousSystem: 65001, address: IPv4Address(10, 0, 0, 2))
        #expect(made == set)
        #expect(made.hashValue == set.hashValue)
        #expect(!made.isEmpty)
    }
}
