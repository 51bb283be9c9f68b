import BGPWire
import Testing

@testable import RIB

/// Route reflection (RFC 4456) as the export rules apply it; the other export rules are in
/// `AdjRIBOutTests`.
@Suite struct AdjRIBOutExportRulesTests {
    typealias T = TestPeers
    private let prefix = T.prefix("10.1.0.0/16")

    /// The prefixes `peer`'s route for `prefix` gives the group of each target: a reflecting
    /// RIB with both clients and both internal non-clients up.
    private func reach(from source: PeerInfo, clusterID: IPv4Address? = T.clusterID)
        -> [PeerID: [IPv4Prefix]]
    {
        let targets = [T.clientA, T.clientB, T.internalA, T.internalB]
        let rib = T.makeRIB(targets, clusterID: clusterID)
        let tables = targets.map { T.table(for: $0, on: rib) }
        let changes = rib.update(
            from: source.id, withdrawn: [], announced: [prefix], attributes: T.attributes([]))
        var reach: [PeerID: [IPv4Prefix]] = [:]
        for (target, table) in zip(targets, tables) where target.id != source.id {
            table.apply(changes)
            reach[target.id] = table.drain().flatMap(\.announced)
        }
        return reach
    }

    /// `exports`, which the table asks first, never disagrees with `exported`: every kind of
    /// source to every kind of group, reflecting or not, with and without the communities
    /// that hold routes back, and with a group that has no IPv4 next hop to give.
    @Test(arguments: [nil, T.clusterID])
    func exportsAgreesWithExported(clusterID: IPv4Address?) {
        let peers = [T.clientA, T.internalA, T.externalA, T.externalC]
        let rib = T.makeRIB(peers, clusterID: clusterID)
        let groups = peers.map { T.table(for: $0, on: rib) }
        let communities: [[Community]] = [[], [.noExport], [.noAdvertise]]
        for source in peers + [rib.peer(.local)!] {
            for group in groups {
                for list in communities {
                    let attributes = T.attributes(
                        source.isInternal ? [] : [65001], communities: list)
                    #expect(
                        group.exports(attributes, from: source.id)
                            == (group.exported(attributes, from: source.id) != nil))
                }
            }
        }
    }

    // MARK: - Which routes are reflected

    @Test func aClientsRouteIsReflectedToOtherClients() {
        #expect(reach(from: T.clientA)[T.clientB.id] == [prefix])
    }

    @Test func aClientsRouteIsReflectedToNonClients() {
        let reach = reach(from: T.clientA)
        #expect(reach[T.internalA.id] == [prefix])
        #expect(reach[T.internalB.id] == [prefix])
    }

    @Test func aNonClientsRouteIsReflectedToClients() {
        let reach = reach(from: T.internalA)
        #expect(reach[T.clientA.id] == [prefix])
        #expect(reach[T.clientB.id] == [prefix])
    }

    @Test func aNonClientsRouteIsNotReflectedToNonClients() {
        #expect(reach(from: T.internalA)[T.internalB.id] == [])
    }

    @Test func withoutAClusterIDNothingIsReflected() {
        let reach = reach(from: T.clientA, clusterID: nil)
        #expect(reach.values.allSatisfy { $0.isEmpty })
        #expect(reach.count == 3)
    }

    @Test func externalAndLocalRoutesGoToEveryInternalPeerUnreflected() {
        let rib = T.makeRIB([T.externalA], clusterID: T.clusterID)
        let tables = [T.table(for: T.clientA, on: rib), T.table(for: T.internalA, on: rib)]
        let other = T.prefix("10.2.0.0/16")
        T.announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: tables[0], tables[1])
        let originated = rib.originate(other, attributes: T.attributes([]))
        tables.forEach { $0.apply(originated) }

        for table in tables {
            let updates = table.drain()
            #expect(updates.map(\.announced) == [[prefix], [other]])
            #expect(updates.allSatisfy { $0.attributes.nextHop == T.nextHopSelf })
            #expect(updates.allSatisfy { $0.attributes.originatorID == nil })
            #expect(updates.allSatisfy { $0.attributes.clusterList.isEmpty })
        }
    }

    // MARK: - Reflected attributes

    private func reflected(_ attributes: PathAttributes, from source: PeerInfo) -> PathAttributes? {
        let rib = T.makeRIB([source], clusterID: T.clusterID)
        let out = T.table(for: T.clientB, on: rib)
        T.announce(source, [prefix], attributes, on: rib, to: out)
        return out.drain().first?.attributes
    }

    @Test func aReflectedRouteKeepsItsAttributesAndGainsOriginatorAndCluster() {
        var attributes = T.attributes(
            [65001], med: 40, localPreference: 250, communities: [Community(rawValue: 7)])
        attributes.largeCommunities = [
            LargeCommunity(globalAdministrator: 65001, localData1: 1, localData2: 2)
        ]
        var expected = attributes
        expected.originatorID = T.clientA.bgpIdentifier
        expected.clusterList = [T.clusterID]
        #expect(reflected(attributes, from: T.clientA) == expected)
    }

    @Test func aReflectedRouteWithoutLocalPreferenceGetsTheDefault() {
        #expect(reflected(T.attributes([]), from: T.internalA)?.localPreference == 100)
    }

    @Test func anExistingOriginatorIDIsKeptAndTheClusterPrepended() {
        var attributes = T.attributes([])
        attributes.originatorID = IPv4Address(10, 7, 7, 7)
        attributes.clusterList = [IPv4Address(10, 0, 0, 200), IPv4Address(10, 0, 0, 201)]

        let sent = reflected(attributes, from: T.internalA)
        #expect(sent?.originatorID == IPv4Address(10, 7, 7, 7))
        #expect(sent?.clusterList == [T.clusterID] + attributes.clusterList)
    }

    @Test func reflectionAttributesAreNeverSentToExternalPeers() {
        let rib = T.makeRIB([T.clientA, T.externalC], clusterID: T.clusterID)
        let out = T.table(for: T.externalC, on: rib)
        var attributes = T.attributes([])
        attributes.originatorID = IPv4Address(10, 7, 7, 7)
        attributes.clusterList = [IPv4Address(10, 0, 0, 200)]
        T.announce(T.clientA, [prefix], attributes, on: rib, to: out)

        let sent = out.drain().first?.attributes
        #expect(sent?.asPath == ASPath(sequence: [T.localAS]))
        #expect(sent?.originatorID == nil)
        #expect(sent?.clusterList == [])
    }

    // MARK: - Changes of role

    @Test func aPeerBecomingAClientIsReflectedAfterReconcile() {
        let rib = T.makeRIB([T.internalA], clusterID: T.clusterID)
        let out = T.table(for: T.internalB, on: rib)
        T.announce(T.internalA, [prefix], T.attributes([]), on: rib, to: out)
        #expect(!out.hasPending)

        var client = T.internalA
        client.isReflectorClient = true
        rib.updatePeer(client)
        out.reconcile()
        #expect(out.drain().map(\.announced) == [[prefix]])
    }

    @Test func clearingTheClusterIDWithdrawsReflectedRoutesAfterReconcile() {
        let rib = T.makeRIB([T.clientA], clusterID: T.clusterID)
        let out = T.table(for: T.clientB, on: rib)
        T.announce(T.clientA, [prefix], T.attributes([]), on: rib, to: out)
        _ = out.drain()

        rib.clusterID = nil
        out.reconcile()
        #expect(out.drain().map(\.withdrawn) == [[prefix]])
    }
}
