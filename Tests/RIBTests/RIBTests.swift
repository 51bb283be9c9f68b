import BGPWire
import Testing

@testable import RIB

@Suite struct RIBTests {
    typealias T = TestPeers
    private let prefix = T.prefix("10.1.0.0/16")
    private let other = T.prefix("10.2.0.0/16")

    private func announce(
        _ peer: PeerInfo, _ prefixes: [IPv4Prefix], _ attributes: PathAttributes,
        on rib: RIB<IPv4Prefix>
    ) -> [BestPathChange<IPv4Prefix>] {
        rib.update(from: peer.id, withdrawn: [], announced: prefixes, attributes: attributes)
    }

    private func withdraw(_ peer: PeerInfo, _ prefixes: [IPv4Prefix], on rib: RIB<IPv4Prefix>)
        -> [BestPathChange<IPv4Prefix>]
    {
        rib.update(from: peer.id, withdrawn: prefixes, announced: [], attributes: PathAttributes())
    }

    @Test func firstAnnouncementIsAChangeFromNothing() {
        let rib = T.makeRIB([T.externalA])
        let attributes = T.attributes([65001])
        let changes = announce(T.externalA, [prefix], attributes, on: rib)

        let route = Route(prefix: prefix, peer: T.externalA.id, attributes: attributes)
        #expect(changes == [BestPathChange(prefix: prefix, previous: nil, current: route)])
        #expect(rib.bestRoute(for: prefix) == route)
    }

    @Test func repeatedAnnouncementChangesNothing() {
        let rib = T.makeRIB([T.externalA])
        _ = announce(T.externalA, [prefix], T.attributes([65001]), on: rib)
        #expect(announce(T.externalA, [prefix], T.attributes([65001]), on: rib).isEmpty)
    }

    @Test func newAttributesOfTheBestRouteAreAChange() {
        let rib = T.makeRIB([T.externalA])
        _ = announce(T.externalA, [prefix], T.attributes([65001]), on: rib)
        let changes = announce(T.externalA, [prefix], T.attributes([65001], med: 7), on: rib)

        #expect(changes.count == 1)
        #expect(changes.first?.previous?.attributes.multiExitDiscriminator == nil)
        #expect(changes.first?.current?.attributes.multiExitDiscriminator == 7)
    }

    @Test func worseRouteChangesNothingButIsACandidate() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        _ = announce(T.externalA, [prefix], T.attributes([65001]), on: rib)
        #expect(announce(T.externalC, [prefix], T.attributes([65002, 65003]), on: rib).isEmpty)
        #expect(rib.routes(for: prefix).map(\.peer) == [T.externalA.id, T.externalC.id])
    }

    @Test func withdrawOfTheBestFallsBackToTheNextBest() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        _ = announce(T.externalA, [prefix], T.attributes([65001]), on: rib)
        _ = announce(T.externalC, [prefix], T.attributes([65002, 65003]), on: rib)
        let changes = withdraw(T.externalA, [prefix], on: rib)

        #expect(changes.count == 1)
        #expect(changes.first?.previous?.peer == T.externalA.id)
        #expect(changes.first?.current?.peer == T.externalC.id)
        #expect(rib.routes(for: prefix).map(\.peer) == [T.externalC.id])
    }

    @Test func withdrawOfTheLastRouteRemovesThePrefix() {
        let rib = T.makeRIB([T.externalA])
        _ = announce(T.externalA, [prefix], T.attributes([65001]), on: rib)
        let changes = withdraw(T.externalA, [prefix], on: rib)

        #expect(changes.map(\.current) == [nil])
        #expect(changes.first?.previous?.peer == T.externalA.id)
        #expect(rib.bestRoute(for: prefix) == nil)
        #expect(rib.prefixCount == 0)
    }

    @Test func withdrawOfAnUnknownPrefixChangesNothing() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        _ = announce(T.externalC, [prefix], T.attributes([65002]), on: rib)
        #expect(withdraw(T.externalA, [prefix, other], on: rib).isEmpty)
        #expect(rib.bestRoute(for: prefix)?.peer == T.externalC.id)
    }

    @Test func peerDownFlushesItsRoutesAndReturnsTheChanges() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        _ = announce(T.externalA, [prefix, other], T.attributes([65001]), on: rib)
        _ = announce(T.externalC, [prefix], T.attributes([65002, 65003]), on: rib)
        let changes = rib.peerDown(T.externalA.id)

        let byPrefix = Dictionary(uniqueKeysWithValues: changes.map { ($0.prefix, $0) })
        #expect(changes.count == 2)
        #expect(byPrefix[prefix]?.current?.peer == T.externalC.id)
        #expect(byPrefix[other]?.current == nil)
        #expect(byPrefix[other]?.previous?.peer == T.externalA.id)
        #expect(rib.adjRIBIn(of: T.externalA.id).isEmpty)
        #expect(rib.peer(T.externalA.id) == nil)
    }

    @Test func peerDownWhereItWasNotBestChangesNothing() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        _ = announce(T.externalA, [prefix], T.attributes([65001]), on: rib)
        _ = announce(T.externalC, [prefix], T.attributes([65002, 65003]), on: rib)
        #expect(rib.peerDown(T.externalC.id).isEmpty)
        #expect(rib.routes(for: prefix).count == 1)
    }

    @Test func externalRouteThroughOurASIsDropped() {
        let rib = T.makeRIB([T.externalA])
        let looped = T.attributes([65001, T.localAS, 65003])
        #expect(announce(T.externalA, [prefix], looped, on: rib).isEmpty)
        #expect(rib.adjRIBIn(of: T.externalA.id).isEmpty)
    }

    @Test func loopedAnnouncementReplacesAnEarlierRoute() {
        let rib = T.makeRIB([T.externalA])
        _ = announce(T.externalA, [prefix], T.attributes([65001]), on: rib)
        let changes = announce(T.externalA, [prefix], T.attributes([65001, T.localAS]), on: rib)
        #expect(changes.map(\.current) == [nil])
        #expect(rib.bestRoute(for: prefix) == nil)
    }

    // MARK: - Route reflection

    private func reflectionAttributes(originator: IPv4Address?, clusters: [IPv4Address])
        -> PathAttributes
    {
        var attributes = T.attributes([])
        attributes.originatorID = originator
        attributes.clusterList = clusters
        return attributes
    }

    @Test func anInternalRouteWithOurRouterIDAsOriginatorIsDropped() {
        let rib = T.makeRIB([T.internalA])
        _ = announce(T.internalA, [prefix], T.attributes([]), on: rib)
        let looped = reflectionAttributes(originator: T.routerID, clusters: [])
        let changes = announce(T.internalA, [prefix], looped, on: rib)

        #expect(changes.map(\.current) == [nil])
        #expect(rib.adjRIBIn(of: T.internalA.id).isEmpty)
    }

    @Test func anInternalRouteThroughOurClusterIsDroppedWhenWeReflect() {
        let looped = reflectionAttributes(
            originator: IPv4Address(10, 7, 7, 7),
            clusters: [IPv4Address(10, 0, 0, 200), T.clusterID])
        let reflecting = T.makeRIB([T.internalA], clusterID: T.clusterID)
        #expect(announce(T.internalA, [prefix], looped, on: reflecting).isEmpty)

        let plain = T.makeRIB([T.internalA])
        #expect(announce(T.internalA, [prefix], looped, on: plain).count == 1)
        #expect(plain.bestRoute(for: prefix)?.attributes == looped)
    }

    @Test func externalRoutesLoseTheirReflectionAttributes() {
        let rib = T.makeRIB([T.externalA], clusterID: T.clusterID)
        var attributes = reflectionAttributes(originator: T.routerID, clusters: [T.clusterID])
        attributes.asPath = ASPath(sequence: [65001])
        _ = announce(T.externalA, [prefix], attributes, on: rib)

        let stored = rib.bestRoute(for: prefix)?.attributes
        #expect(stored?.asPath == ASPath(sequence: [65001]))
        #expect(stored?.originatorID == nil)
        #expect(stored?.clusterList == [])
    }

    @Test func updatePeerReplacesTheInfoAndKeepsTheRoutes() {
        let rib = T.makeRIB([T.internalA])
        _ = announce(T.internalA, [prefix], T.attributes([]), on: rib)
        var client = T.internalA
        client.isReflectorClient = true
        rib.updatePeer(client)

        #expect(rib.peer(T.internalA.id) == client)
        #expect(rib.adjRIBIn(of: T.internalA.id).map(\.prefix) == [prefix])
        #expect(rib.bestRoute(for: prefix)?.peer == T.internalA.id)
    }

    @Test func routesHeldBeforeWeReflectAreDroppedOnceOurClusterIDLoopsThem() {
        let other = IPv4Prefix("10.66.0.9/32")!
        let rib = T.makeRIB([T.internalA])
        let looped = reflectionAttributes(
            originator: IPv4Address(10, 7, 7, 7), clusters: [T.clusterID])
        _ = announce(T.internalA, [prefix], looped, on: rib)
        _ = announce(T.internalA, [other], T.attributes([]), on: rib)
        #expect(rib.dropReflectionLoops().isEmpty)

        rib.clusterID = T.clusterID
        let changes = rib.dropReflectionLoops()
        #expect(changes.map(\.prefix) == [prefix])
        #expect(changes.map(\.current) == [nil])
        #expect(rib.adjRIBIn(of: T.internalA.id).map(\.prefix) == [other])
    }

    @Test func theClusterIDIsSetAtInitAndSettable() {
        let rib = RIB<IPv4Prefix>(localAS: T.localAS, routerID: T.routerID, clusterID: T.clusterID)
        #expect(rib.clusterID == T.clusterID)
        rib.clusterID = nil
        #expect(rib.clusterID == nil)
        #expect(RIB<IPv4Prefix>(localAS: T.localAS, routerID: T.routerID).clusterID == nil)
    }

    // MARK: - Origination

    @Test func originatedRoutesHaveOriginIGPAndNoASPath() {
        let rib = T.makeRIB([])
        let changes = rib.originate(prefix, attributes: T.attributes([65009], origin: .egp))

        #expect(changes.count == 1)
        let route = rib.bestRoute(for: prefix)
        #expect(route?.peer == .local)
        #expect(route?.attributes.origin == .igp)
        #expect(route?.attributes.asPath == ASPath())
        #expect(rib.adjRIBIn(of: .local).map(\.prefix) == [prefix])
    }

    @Test func withdrawLocalFallsBackToALearnedRoute() {
        let rib = T.makeRIB([T.internalA])
        _ = rib.originate(prefix, attributes: PathAttributes())
        _ = announce(T.internalA, [prefix], T.attributes([]), on: rib)
        let changes = rib.withdrawLocal(prefix)

        #expect(changes.first?.previous?.peer == .local)
        #expect(changes.first?.current?.peer == T.internalA.id)
    }

    @Test func identicalAttributesAreStoredOnce() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let prefixes = (0..<100).map { T.prefix("10.3.\($0).0/24") }
        _ = announce(T.externalA, prefixes, T.attributes([65001]), on: rib)
        _ = announce(T.externalC, prefixes, T.attributes([65002]), on: rib)
        #expect(rib.attributeSetCount == 2)

        // Both peers now send the same set; the one only C had is freed.
        _ = announce(T.externalC, prefixes, T.attributes([65001]), on: rib)
        #expect(rib.attributeSetCount == 1)
        _ = rib.peerDown(T.externalA.id)
        _ = rib.peerDown(T.externalC.id)
        #expect(rib.attributeSetCount == 0)
    }

    @Test func bestRoutesAndCountsCoverTheLocRIB() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        _ = announce(T.externalA, [prefix, other], T.attributes([65001]), on: rib)
        _ = announce(T.externalC, [prefix], T.attributes([65002, 65003]), on: rib)

        #expect(Set(rib.bestRoutes.map(\.prefix)) == [prefix, other])
        #expect(rib.bestRoutes.allSatisfy { $0.peer == T.externalA.id })
        #expect(rib.prefixCount(from: T.externalA.id) == 2)
        #expect(rib.prefixCount(from: T.externalC.id) == 1)
    }
}
