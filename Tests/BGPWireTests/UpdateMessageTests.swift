import Testing

@testable import BGPWire

/// End-of-RIB markers (RFC 4724 §2) and what the caller learns of confederation paths.
@Suite struct UpdateMessageTests {
    static let markers: [(String, AddressFamily)] = [
        ("update-end-of-rib", .ipv4Unicast),
        ("update-end-of-rib-ipv6", .ipv6Unicast),
        ("update-end-of-rib-vpnv4", AddressFamily(afi: .ipv4, safi: SAFI(rawValue: 128))),
    ]

    @Test(arguments: markers)
    func recognisesEndOfRIB(fixture: String, family: AddressFamily) throws {
        let update = try Fixture.update(fixture)
        #expect(update.isEndOfRIB)
        #expect(update.endOfRIBFamily == family)
    }

    @Test(arguments: markers)
    func buildsEndOfRIB(fixture: String, family: AddressFamily) throws {
        let bytes = Message.update(.endOfRIB(family)).encode(options: CodecOptions())
        #expect(bytes == (try Fixture.bytes(fixture)))
    }

    @Test(arguments: [
        "update-withdraw", "update-announce", "update-mp-unreach-ipv6", "update-mp-reach-ipv6",
        "update-mp-unreach-ipv4", "update-mp-reach-other-family",
    ])
    func othersAreNotEndOfRIB(fixture: String) throws {
        let update = try Fixture.update(fixture)
        #expect(!update.isEndOfRIB)
        #expect(update.endOfRIBFamily == nil)
    }

    /// RFC 5065 §5.3, RFC 7606 §7.2: the codec decodes the path and says what it holds;
    /// treat-as-withdraw for a peer outside the confederation is the caller's part.
    @Test func exposesConfederationSegments() throws {
        let update = try Fixture.update("update-confederation-path")
        #expect(!update.treatAsWithdraw)
        #expect(update.pathAttributes.asPath.containsConfederationSegments)
        #expect(
            update.pathAttributes.asPath.segments.map(\.type) == [
                .confederationSequence, .confederationSet, .sequence,
            ])
        #expect(update.pathAttributes.asPath.segments[0].autonomousSystems == [65010, 65011])
        #expect(
            try !Fixture.update("update-announce").pathAttributes.asPath
                .containsConfederationSegments)
        #expect(
            Message.update(update).encode(options: CodecOptions())
                == (try Fixture.bytes("update-confederation-path")))
    }
}
