import Testing

@testable import BGPWire

/// Attribute errors and their RFC 7606 approaches, and the RFC 6793 merge.
@Suite struct PathAttributeDecoderTests {
    static let base = PathAttributes(
        origin: .igp, asPath: ASPath(sequence: [65001]), nextHop: .parse("192.0.2.2"))

    @Test func decodesEveryAttribute() throws {
        let expected = PathAttributes(
            origin: .igp,
            asPath: ASPath(segments: [
                ASPathSegment(type: .sequence, autonomousSystems: [65001, 4_200_000_000]),
                ASPathSegment(type: .set, autonomousSystems: [65100, 65101]),
            ]),
            nextHop: .parse("192.0.2.2"), multiExitDiscriminator: 100, localPreference: 200,
            atomicAggregate: true,
            aggregator: Aggregator(autonomousSystem: 65001, address: .parse("192.0.2.3")),
            communities: [Community(autonomousSystem: 65001, value: 100), .noExport],
            originatorID: .parse("192.0.2.4"), clusterList: [.parse("192.0.2.5")],
            extendedCommunities: [ExtendedCommunity(rawValue: 0x0002_FDE9_0000_0064)],
            largeCommunities: [
                LargeCommunity(globalAdministrator: 65001, localData1: 1, localData2: 2)
            ])
        let update = try Fixture.update("update-every-attribute")
        #expect(update.pathAttributes == expected)
        #expect(update.nlri == [.parse("198.51.100.0/24")])
        #expect(!update.treatAsWithdraw && update.discardedAttributes.isEmpty)
    }

    static let treatAsWithdraw = [
        "origin-value", "origin-length", "origin-flags", "as-path-zero-segment",
        "as-path-segment-type", "as-path-overrun", "next-hop-length", "med-length",
        "local-pref-length", "communities-length", "missing-origin", "missing-as-path",
        "missing-next-hop", "attribute-overrun", "attribute-header-truncated", "worst-wins",
        "next-hop-multicast", "next-hop-loopback", "next-hop-zero", "next-hop-reserved",
        "as-path-as-zero", "extended-communities-length", "extended-communities-empty",
        "extended-communities-flags", "large-communities-length", "large-communities-empty",
        "originator-id-length", "cluster-list-length", "cluster-list-empty",
    ]

    @Test(arguments: treatAsWithdraw)
    func treatsAsWithdraw(_ name: String) throws {
        let update = try Fixture.update("taw-" + name)
        #expect(update.treatAsWithdraw)
        #expect(update.nlri == [.parse("10.0.1.0/24")])
    }

    @Test func dropsRepeatedLargeCommunities() throws {
        let update = try Fixture.update("update-large-communities-repeated")
        #expect(
            update.pathAttributes.largeCommunities == [
                LargeCommunity(globalAdministrator: 65001, localData1: 1, localData2: 2),
                LargeCommunity(globalAdministrator: 65001, localData1: 3, localData2: 4),
            ])
        #expect(update.pathAttributes.unrecognized.isEmpty && !update.treatAsWithdraw)
    }

    @Test func worstFindingWinsButDiscardsAreStillRecorded() throws {
        let update = try Fixture.update("taw-worst-wins")
        #expect(update.treatAsWithdraw)
        #expect(update.discardedAttributes == [.atomicAggregate])
    }

    @Test func missingAttributesDoNotMatterWithoutNLRI() throws {
        let update = try Fixture.update("update-withdraw")
        #expect(!update.treatAsWithdraw)
    }

    /// A fixture whose attribute is discarded, and what must remain.
    struct DiscardCase: Sendable, CustomTestStringConvertible {
        var name: String
        var discarded: AttributeType
        var fourOctetAS = true
        var testDescription: String { name }
    }

    static let discards = [
        DiscardCase(name: "atomic-aggregate-length", discarded: .atomicAggregate),
        DiscardCase(name: "aggregator-length", discarded: .aggregator),
        DiscardCase(name: "aggregator-as-zero", discarded: .aggregator),
        DiscardCase(name: "aggregator-flags", discarded: .aggregator),
        DiscardCase(name: "duplicate-origin", discarded: .origin),
        DiscardCase(name: "as4-path-four-octet", discarded: .as4Path),
        DiscardCase(name: "as4-aggregator-four-octet", discarded: .as4Aggregator),
        DiscardCase(name: "as4-path-malformed", discarded: .as4Path, fourOctetAS: false),
    ]

    @Test(arguments: discards)
    func discardsTheAttribute(_ discardCase: DiscardCase) throws {
        let options = CodecOptions(fourOctetAS: discardCase.fourOctetAS)
        let update = try Fixture.update("discard-" + discardCase.name, options: options)
        #expect(!update.treatAsWithdraw)
        #expect(update.discardedAttributes == [discardCase.discarded])
        // The rest of the UPDATE stands; the first ORIGIN of a pair is kept.
        #expect(update.pathAttributes == Self.base)
        #expect(update.nlri == [.parse("10.0.1.0/24")])
    }

    @Test func mergesAS4PathFromATwoOctetSpeaker() throws {
        let update = try Fixture.update("update-as4-path", options: .beforeOpen)
        #expect(
            update.pathAttributes.asPath == ASPath(sequence: [65001, 4_200_000_000, 4_200_000_001]))
        #expect(
            update.pathAttributes.aggregator
                == Aggregator(autonomousSystem: 4_200_000_000, address: .parse("192.0.2.3")))
        #expect(update.pathAttributes.unrecognized.isEmpty)
        #expect(update.discardedAttributes.isEmpty && !update.treatAsWithdraw)
    }

    @Test func ignoresALongerAS4Path() throws {
        let update = try Fixture.update("update-as4-path-longer", options: .beforeOpen)
        #expect(update.pathAttributes == Self.base)
        #expect(update.discardedAttributes.isEmpty)
    }

    @Test func ignoresAS4AttributesBesideARealAggregator() throws {
        var attributes = Self.base
        attributes.aggregator = Aggregator(autonomousSystem: 65010, address: .parse("192.0.2.9"))
        // RFC 6793 §4.2.3: AS4_PATH and AS4_AGGREGATOR are ignored only when both
        // aggregator attributes came and AGGREGATOR names a real two-octet AS.
        attributes.unrecognized = [
            RawAttribute(
                flags: [.optional, .transitive], type: .as4Path,
                value: [2, 1, 0xFA, 0x56, 0xEA, 0]),
            RawAttribute(
                flags: [.optional, .transitive], type: .as4Aggregator,
                value: [0xFA, 0x56, 0xEA, 0, 192, 0, 2, 9]),
        ]
        let message = Message.update(
            UpdateMessage(pathAttributes: attributes, nlri: [.parse("10.0.1.0/24")]))
        let update = try Self.decodeUpdate(
            message.encode(options: .beforeOpen), options: .beforeOpen)
        #expect(update.pathAttributes.asPath == ASPath(sequence: [65001]))
        #expect(update.pathAttributes.aggregator?.autonomousSystem == 65010)
    }

    @Test func passesOnUnknownTransitiveAttributes() throws {
        let update = try Fixture.update("update-unknown-transitive")
        #expect(
            update.pathAttributes.unrecognized == [
                RawAttribute(
                    flags: [.optional, .transitive], type: AttributeType(rawValue: 240),
                    value: [1, 2, 3])
            ])
        let sent = Message.update(update).encode(options: CodecOptions())
        #expect(sent == (try Fixture.bytes("update-unknown-transitive-partial")))
    }

    @Test func acceptsTheExtendedLengthFlagOnShortValues() throws {
        // ORIGIN with a two-octet length (RFC 4271 §4.3 allows it).
        let attributes: [UInt8] = [0x50, 1, 0, 1, 0, 0x40, 2, 0, 0x40, 3, 4, 192, 0, 2, 2]
        let body: [UInt8] = [0, 0, 0, UInt8(attributes.count)] + attributes + [8, 10]
        let bytes = [UInt8](repeating: 0xFF, count: 16) + [0, UInt8(19 + body.count), 2] + body
        let update = try Self.decodeUpdate(bytes)
        #expect(update.pathAttributes.origin == .igp)
        #expect(!update.treatAsWithdraw)
    }

    static func decodeUpdate(_ bytes: [UInt8], options: CodecOptions = CodecOptions()) throws
        -> UpdateMessage
    {
        guard case .success(.update(let update)) = Fixture.decode(bytes, options: options) else {
            throw FixtureError(name: "inline update")
        }
        return update
    }
}
