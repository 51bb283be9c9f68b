import BGPWire
import Testing

@testable import RIB

private typealias T = TestPeers

/// An IPv6 RIB and its Adj-RIB-Out: the same rules as IPv4, with the next hop kept in
/// `multiprotocolNextHop` and taken from the profile's IPv6 next hop self.
struct IPv6TableTests {
    let pool = IPv6Prefix("fd00:65::/64")!
    let container = IPv6Prefix("fd00:65::7/128")!
    let learned = IPv6Prefix("fd00:65::9/128")!
    let ourAddress = IPv6Address("fd00:10::1")!
    let peerNextHop = IPv6Address("fd00:10::2")!

    func makeRIB(_ peers: [PeerInfo], clusterID: IPv4Address? = nil) -> RIB<IPv6Prefix> {
        let rib = RIB<IPv6Prefix>(localAS: T.localAS, routerID: T.routerID, clusterID: clusterID)
        peers.forEach(rib.peerUp)
        return rib
    }

    func table(
        for peer: PeerInfo, nextHopSelf: IPv6Address?, sharedSubnet: IPv6Prefix? = nil,
        on rib: RIB<IPv6Prefix>
    ) -> AdjRIBOut<IPv6Prefix> {
        let profile = ExportProfile(
            isInternal: peer.isInternal, isReflectorClient: peer.isReflectorClient,
            nextHopSelf: T.nextHopSelf, ipv6NextHopSelf: nextHopSelf,
            sharedSubnet: sharedSubnet == nil ? nil : IPv4Prefix("192.0.2.0/24"),
            ipv6SharedSubnet: sharedSubnet)
        return AdjRIBOut(
            profile: profile, localAS: T.localAS,
            policy: ExportPolicy(allowedPrefixes: [.v4(T.pool), .v6(pool)]), rib: rib)
    }

    func learnedAttributes(from peer: PeerInfo) -> PathAttributes {
        PathAttributes(
            origin: .igp, asPath: peer.isInternal ? ASPath() : ASPath(sequence: [65001]),
            multiprotocolNextHop: .ipv6(global: peerNextHop, linkLocal: nil))
    }

    @Test func ourRouteGoesOutWithTheNodesIPv6AddressAsNextHop() throws {
        let rib = makeRIB([T.internalA])
        let out = table(for: T.internalA, nextHopSelf: ourAddress, on: rib)
        out.apply(rib.originate(container, attributes: PathAttributes()))
        let update = try #require(out.drain().first)
        #expect(update.announced == [container])
        #expect(update.attributes.multiprotocolNextHop == .ipv6(global: ourAddress, linkLocal: nil))
        #expect(update.attributes.nextHop == nil)
        #expect(update.attributes.localPreference == 100)
    }

    @Test func withoutAnIPv6AddressOnlyReflectedRoutesGoOut() {
        let rib = makeRIB([T.internalA, T.clientA], clusterID: T.clusterID)
        let out = table(for: T.clientA, nextHopSelf: nil, on: rib)
        out.apply(rib.originate(container, attributes: PathAttributes()))
        out.apply(
            rib.update(
                from: T.internalA.id, withdrawn: [], announced: [learned],
                attributes: learnedAttributes(from: T.internalA)))
        let updates = out.drain()
        #expect(updates.map(\.announced) == [[learned]])
        // Reflected: the next hop is the source's own (RFC 4456 §10).
        #expect(
            updates.first?.attributes.multiprotocolNextHop
                == .ipv6(global: peerNextHop, linkLocal: nil))
        #expect(updates.first?.attributes.clusterList == [T.clusterID])
    }

    @Test func towardsExternalPeersAnInternalNextHopOnTheSharedLinkIsKept() {
        let rib = makeRIB([T.internalA, T.externalC])
        let onLink = table(
            for: T.externalC, nextHopSelf: ourAddress, sharedSubnet: IPv6Prefix("fd00:10::/64"),
            on: rib)
        let elsewhere = table(
            for: T.externalC, nextHopSelf: ourAddress, sharedSubnet: IPv6Prefix("fd00:99::/64"),
            on: rib)
        let changes = rib.update(
            from: T.internalA.id, withdrawn: [], announced: [learned],
            attributes: learnedAttributes(from: T.internalA))
        onLink.apply(changes)
        elsewhere.apply(changes)
        #expect(
            onLink.drain().first?.attributes.multiprotocolNextHop
                == .ipv6(global: peerNextHop, linkLocal: nil))
        #expect(
            elsewhere.drain().first?.attributes.multiprotocolNextHop
                == .ipv6(global: ourAddress, linkLocal: nil))
    }

    @Test func anIPv6PrefixOutsideTheIPv6PoolsIsNotExported() {
        let rib = makeRIB([T.externalA, T.internalA])
        let out = table(for: T.internalA, nextHopSelf: ourAddress, on: rib)
        let outside = IPv6Prefix("2001:db8::/32")!
        out.apply(
            rib.update(
                from: T.externalA.id, withdrawn: [], announced: [outside, learned],
                attributes: learnedAttributes(from: T.externalA)))
        #expect(out.drain().map(\.announced) == [[learned]])
    }

    @Test func aProfileExportingEveryRouteSendsPrefixesOutsideThePools() {
        let rib = makeRIB([T.externalA, T.externalC])
        let outside = IPv6Prefix("2001:db8::/32")!
        let profile = ExportProfile(
            isInternal: false, isReflectorClient: false, nextHopSelf: T.nextHopSelf,
            ipv6NextHopSelf: ourAddress, sharedSubnet: nil, exportsEveryRoute: true)
        let out = AdjRIBOut<IPv6Prefix>(
            profile: profile, localAS: T.localAS, policy: ExportPolicy(allowedPrefixes: []),
            rib: rib)
        out.apply(
            rib.update(
                from: T.externalA.id, withdrawn: [], announced: [outside],
                attributes: learnedAttributes(from: T.externalA)))
        let update = out.drain().first
        #expect(update?.announced == [outside])
        #expect(update?.attributes.asPath == ASPath(sequence: [T.localAS, 65001]))
    }

    @Test func aWithdrawalLeavesTheRIBAndGoesOut() {
        let rib = makeRIB([T.externalA, T.internalA])
        let out = table(for: T.internalA, nextHopSelf: ourAddress, on: rib)
        out.apply(
            rib.update(
                from: T.externalA.id, withdrawn: [], announced: [learned],
                attributes: learnedAttributes(from: T.externalA)))
        _ = out.drain()
        let changes = rib.update(
            from: T.externalA.id, withdrawn: [learned], announced: [],
            attributes: PathAttributes())
        #expect(changes.map(\.current) == [nil])
        out.apply(changes)
        #expect(out.drain().map(\.withdrawn) == [[learned]])
        #expect(rib.prefixCount == 0)
    }
}
