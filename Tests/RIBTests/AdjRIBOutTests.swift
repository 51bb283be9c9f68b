import BGPWire
import Testing

@testable import RIB

@Suite struct AdjRIBOutTests {
    typealias T = TestPeers
    private let nextHopSelf = T.nextHopSelf
    private let prefix = T.prefix("10.1.0.0/16")
    private let other = T.prefix("10.2.0.0/16")

    private func table(for peer: PeerInfo) -> AdjRIBOut<IPv4Prefix> {
        T.table(for: peer)
    }

    private func announce(
        _ peer: PeerInfo, _ prefixes: [IPv4Prefix], _ attributes: PathAttributes,
        on rib: RIB<IPv4Prefix>, to table: AdjRIBOut<IPv4Prefix>
    ) {
        T.announce(peer, prefixes, attributes, on: rib, to: table)
    }

    private func withdraw(
        _ peer: PeerInfo, _ prefixes: [IPv4Prefix], on rib: RIB<IPv4Prefix>,
        to table: AdjRIBOut<IPv4Prefix>
    ) {
        let changes = rib.update(
            from: peer.id, withdrawn: prefixes, announced: [], attributes: PathAttributes())
        table.apply(changes, rib: rib)
    }

    // MARK: - Attributes

    @Test func toExternalPeersPrependAndSetNextHopAndDropLocalPreferenceAndMED() {
        let rib = T.makeRIB([T.internalA, T.externalC])
        let out = table(for: T.externalC)
        let learned = T.attributes([65001], med: 30, localPreference: 200)
        announce(T.internalA, [prefix], learned, on: rib, to: out)

        let updates = out.drain(rib: rib)
        #expect(updates.count == 1)
        let sent = updates.first?.attributes
        #expect(sent?.asPath == ASPath(sequence: [T.localAS, 65001]))
        #expect(sent?.nextHop == nextHopSelf)
        #expect(sent?.localPreference == nil)
        #expect(sent?.multiExitDiscriminator == nil)
        #expect(updates.first?.announced == [prefix])
    }

    @Test func toAnExternalPeerOnTheSameSubnetAnInternalRouteKeepsItsNextHop() {
        let rib = T.makeRIB([T.internalA, T.externalA, T.externalC])
        let subnet = T.prefix("192.0.2.0/24")  // holds 192.0.2.99, the routes' next hop
        let out = T.table(for: T.externalC, sharedSubnet: subnet)
        announce(T.internalA, [prefix], T.attributes([]), on: rib, to: out)
        announce(T.externalA, [other], T.attributes([65001]), on: rib, to: out)

        let sent = Dictionary(
            uniqueKeysWithValues: out.drain(rib: rib).flatMap { update in
                update.announced.map { ($0, update.attributes.nextHop) }
            })
        #expect(sent[prefix] == IPv4Address(192, 0, 2, 99))
        #expect(sent[other] == nextHopSelf)
    }

    @Test func anInternalRouteWhoseNextHopIsOffTheSharedSubnetGetsNextHopSelf() {
        let rib = T.makeRIB([T.internalA, T.externalC])
        let out = T.table(for: T.externalC, sharedSubnet: T.prefix("198.51.100.0/24"))
        announce(T.internalA, [prefix], T.attributes([]), on: rib, to: out)
        #expect(out.drain(rib: rib).first?.attributes.nextHop == nextHopSelf)
    }

    @Test func toInternalPeersKeepThePathAndSetLocalPreference() {
        let rib = T.makeRIB([T.externalA, T.internalB])
        let out = table(for: T.internalB)
        announce(T.externalA, [prefix], T.attributes([65001], med: 30), on: rib, to: out)

        let sent = out.drain(rib: rib).first?.attributes
        #expect(sent?.asPath == ASPath(sequence: [65001]))
        #expect(sent?.nextHop == nextHopSelf)
        #expect(sent?.localPreference == 100)
        #expect(sent?.multiExitDiscriminator == 30)
    }

    @Test func originatedRoutesKeepTheirMEDTowardsExternalPeers() {
        let rib = T.makeRIB([T.externalA])
        let out = table(for: T.externalA)
        out.apply(rib.originate(prefix, attributes: T.attributes([], med: 5)), rib: rib)

        let sent = out.drain(rib: rib).first?.attributes
        #expect(sent?.asPath == ASPath(sequence: [T.localAS]))
        #expect(sent?.origin == .igp)
        #expect(sent?.multiExitDiscriminator == 5)
    }

    @Test func unrecognizedAttributesPassOnOnlyWhenTransitiveAndMarkedPartial() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC)
        var attributes = T.attributes([65001])
        attributes.unrecognized = [
            RawAttribute(flags: [.optional, .transitive], type: .init(rawValue: 99), value: [1]),
            RawAttribute(flags: [.optional], type: .clusterList, value: [0, 0, 0, 1]),
        ]
        announce(T.externalA, [prefix], attributes, on: rib, to: out)

        let passed = out.drain(rib: rib).first?.attributes.unrecognized
        #expect(passed?.map(\.type) == [AttributeType(rawValue: 99)])
        #expect(passed?.first?.flags == [.optional, .transitive, .partial])
    }

    @Test func extendedAndLargeCommunitiesPassOnUnchangedToEveryPeer() {
        var attributes = T.attributes([65001])
        attributes.extendedCommunities = [ExtendedCommunity(rawValue: 0x0002_FDE9_0000_0064)]
        attributes.largeCommunities = [
            LargeCommunity(globalAdministrator: 65001, localData1: 1, localData2: 2)
        ]
        for peer in [T.externalC, T.internalA] {
            let rib = T.makeRIB([T.externalA, peer])
            let out = table(for: peer)
            announce(T.externalA, [prefix], attributes, on: rib, to: out)
            let sent = out.drain(rib: rib).first?.attributes
            #expect(sent?.extendedCommunities == attributes.extendedCommunities)
            #expect(sent?.largeCommunities == attributes.largeCommunities)
            #expect(sent?.unrecognized == [])
        }
    }

    @Test func originatorIDAndClusterListAreClearedOnExport() {
        let rib = T.makeRIB([T.internalA, T.externalC])
        let out = table(for: T.externalC)
        var attributes = T.attributes([])
        attributes.originatorID = IPv4Address(192, 0, 2, 40)
        attributes.clusterList = [IPv4Address(192, 0, 2, 50)]
        announce(T.internalA, [prefix], attributes, on: rib, to: out)

        let sent = out.drain(rib: rib).first?.attributes
        #expect(sent != nil)
        #expect(sent?.originatorID == nil)
        #expect(sent?.clusterList == [])
    }

    // MARK: - What is not sent

    @Test func internalRoutesAreNotSentToInternalPeers() {
        let rib = T.makeRIB([T.internalA, T.internalB, T.externalC])
        let toInternal = table(for: T.internalB)
        let toExternal = table(for: T.externalC)
        let changes = rib.update(
            from: T.internalA.id, withdrawn: [], announced: [prefix],
            attributes: T.attributes([]))
        toInternal.apply(changes, rib: rib)
        toExternal.apply(changes, rib: rib)

        #expect(!toInternal.hasPending)
        #expect(toExternal.drain(rib: rib).map(\.announced) == [[prefix]])
    }

    @Test func routesBackToTheirSourceAreLeftToTheCaller() {
        let rib = T.makeRIB([T.externalA])
        let out = table(for: T.externalA)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        out.apply(rib.originate(other, attributes: T.attributes([])), rib: rib)

        let updates = out.drain(rib: rib)
        #expect(updates.map(\.announced) == [[prefix], [other]])
        #expect(updates.map(\.source) == [T.externalA.id, .local])
    }

    @Test func onlyPrefixesInsideAPoolAreExported() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC)
        let outside = T.prefix("172.16.0.0/16")
        let covering = T.prefix("10.0.0.0/7")
        announce(T.externalA, [prefix, outside, covering], T.attributes([65001]), on: rib, to: out)
        #expect(out.drain(rib: rib).map(\.announced) == [[prefix]])
    }

    @Test func wellKnownCommunitiesLimitExport() {
        let rib = T.makeRIB([T.externalA, T.internalB, T.externalC])
        let toInternal = table(for: T.internalB)
        let toExternal = table(for: T.externalC)
        let noExport = T.attributes([65001], communities: [.noExport])
        let noAdvertise = T.attributes([65001], communities: [.noAdvertise])
        for (prefixes, attributes) in [([prefix], noExport), ([other], noAdvertise)] {
            let changes = rib.update(
                from: T.externalA.id, withdrawn: [], announced: prefixes, attributes: attributes)
            toInternal.apply(changes, rib: rib)
            toExternal.apply(changes, rib: rib)
        }
        #expect(toInternal.drain(rib: rib).map(\.announced) == [[prefix]])
        #expect(!toExternal.hasPending)
    }

    // MARK: - Withdrawals, coalescing and packing

    @Test func previouslyAdvertisedPrefixIsWithdrawn() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        _ = out.drain(rib: rib)
        withdraw(T.externalA, [prefix], on: rib, to: out)

        let updates = out.drain(rib: rib)
        let withdrawal = OutboundUpdate(withdrawn: [prefix], attributes: .init(), announced: [])
        #expect(updates == [withdrawal])
        #expect(out.advertisedCount == 0)
    }

    @Test func bestChangingToANonExportableRouteWithdraws() {
        let rib = T.makeRIB([T.externalA, T.internalA, T.internalB])
        let out = table(for: T.internalB)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        _ = out.drain(rib: rib)

        // An internal route with a higher LOCAL_PREF wins; without reflection it is held back.
        let better = T.attributes([65001], localPreference: 300)
        announce(T.internalA, [prefix], better, on: rib, to: out)
        #expect(out.drain(rib: rib).map(\.withdrawn) == [[prefix]])
    }

    @Test func severalChangesBeforeDrainGiveTheLatestState() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        announce(T.externalA, [prefix], T.attributes([65001], origin: .egp), on: rib, to: out)
        announce(T.externalA, [prefix], T.attributes([65001, 65005]), on: rib, to: out)

        let updates = out.drain(rib: rib)
        #expect(updates.count == 1)
        #expect(updates.first?.attributes.asPath == ASPath(sequence: [T.localAS, 65001, 65005]))
        #expect(!out.hasPending)
    }

    @Test func announcedThenWithdrawnBeforeDrainGivesNothing() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        withdraw(T.externalA, [prefix], on: rib, to: out)
        #expect(!out.hasPending)
        #expect(out.drain(rib: rib).isEmpty)
    }

    @Test func changeBackToTheSentStateGivesNothing() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        _ = out.drain(rib: rib)
        announce(T.externalA, [prefix], T.attributes([65001], origin: .egp), on: rib, to: out)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        #expect(!out.hasPending)
    }

    @Test func announcementsAreGroupedByAttributeSet() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC)
        let third = T.prefix("10.3.0.0/16")
        let fourth = T.prefix("10.4.0.0/16")
        announce(T.externalA, [third, prefix], T.attributes([65001]), on: rib, to: out)
        announce(T.externalA, [other], T.attributes([65001, 65009]), on: rib, to: out)
        announce(T.externalA, [fourth], T.attributes([65001]), on: rib, to: out)
        withdraw(T.externalA, [fourth], on: rib, to: out)

        let updates = out.drain(rib: rib)
        #expect(updates.map(\.announced) == [[prefix, third], [other]])
        #expect(updates.map(\.withdrawn) == [[], []])
        #expect(updates.map(\.attributes.asPath.length) == [2, 3])
    }

    @Test func withdrawalsComeFirstInTheirOwnUpdate() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        _ = out.drain(rib: rib)
        withdraw(T.externalA, [prefix], on: rib, to: out)
        announce(T.externalA, [other], T.attributes([65001]), on: rib, to: out)

        let updates = out.drain(rib: rib)
        #expect(updates.map(\.withdrawn) == [[prefix], []])
        #expect(updates.map(\.announced) == [[], [other]])
    }

    // MARK: - Whole tables

    @Test func reconcileFillsANewTable() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        _ = rib.update(
            from: T.externalA.id, withdrawn: [], announced: [prefix, other],
            attributes: T.attributes([65001]))
        let out = table(for: T.externalC)
        out.reconcile(with: rib)
        #expect(out.drain(rib: rib).map(\.announced) == [[prefix, other]])
        #expect(out.advertisedCount == 2)

        out.reconcile(with: rib)
        #expect(!out.hasPending)
    }

    @Test func reconcileAfterAPolicyChangeSendsOnlyTheDifference() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC)
        announce(T.externalA, [prefix, other], T.attributes([65001]), on: rib, to: out)
        _ = out.drain(rib: rib)

        out.policy = ExportPolicy(allowedPrefixes: [.v4(prefix)])
        out.reconcile(with: rib)
        #expect(out.drain(rib: rib).map(\.withdrawn) == [[other]])
        out.reconcile(with: rib)
        #expect(!out.hasPending)
    }

    // MARK: - Update groups

    @Test func drainedAnnouncementsAreGroupedBySourceToo() {
        let rib = T.makeRIB([T.externalA, T.externalB, T.externalC])
        let out = table(for: T.externalC)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        announce(T.externalB, [other], T.attributes([65001]), on: rib, to: out)

        let updates = out.drain(rib: rib)
        #expect(updates.map(\.announced) == [[prefix], [other]])
        #expect(updates.map(\.source) == [T.externalA.id, T.externalB.id])
        #expect(updates[0].attributes == updates[1].attributes)
    }

    @Test func aWithdrawalHasNoSource() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        _ = out.drain(rib: rib)
        withdraw(T.externalA, [prefix], on: rib, to: out)
        #expect(out.drain(rib: rib).map(\.source) == [nil])
    }

    @Test func aNewSourceWithTheSameAttributesIsAChange() {
        let rib = T.makeRIB([T.externalA, T.externalB, T.externalC])
        let out = table(for: T.externalC)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        announce(T.externalB, [prefix], T.attributes([65001]), on: rib, to: out)
        _ = out.drain(rib: rib)

        withdraw(T.externalA, [prefix], on: rib, to: out)
        let updates = out.drain(rib: rib)
        #expect(updates.map(\.announced) == [[prefix]])
        #expect(updates.map(\.source) == [T.externalB.id])
    }

    @Test func onlyPrefixesTakenFromAnotherSourceAreListedForTheSourcesWithdrawal() {
        let rib = T.makeRIB([T.externalA, T.externalB, T.externalC])
        let out = table(for: T.externalC)
        announce(T.externalB, [prefix], T.attributes([65001, 65002]), on: rib, to: out)
        _ = out.drain(rib: rib)

        // A's shorter path takes `prefix` over from B; `other` is new to the table.
        announce(T.externalA, [prefix, other], T.attributes([65001]), on: rib, to: out)
        let updates = out.drain(rib: rib)
        #expect(updates.map(\.source) == [T.externalA.id])
        #expect(updates.map(\.takenFromOtherSources) == [[prefix]])

        // The same source again with new attributes takes nothing over.
        announce(
            T.externalA, [prefix, other], T.attributes([65001], origin: .egp), on: rib, to: out)
        #expect(out.drain(rib: rib).map(\.takenFromOtherSources) == [[]])
    }

    @Test func aMembersAdvertisedCountLeavesOutItsOwnRoutes() {
        let rib = T.makeRIB([T.externalA, T.externalB, T.externalC])
        let out = table(for: T.externalC)
        announce(T.externalA, [prefix, other], T.attributes([65001]), on: rib, to: out)
        announce(
            T.externalB, [IPv4Prefix("10.66.0.9/32")!], T.attributes([65002]), on: rib, to: out)
        _ = out.drain(rib: rib)
        #expect(out.advertisedCount == 3)
        #expect(out.advertisedCount(toMember: T.externalA.id) == 1)
        #expect(out.advertisedCount(toMember: T.externalB.id) == 2)

        withdraw(T.externalA, [prefix], on: rib, to: out)
        _ = out.drain(rib: rib)
        #expect(out.advertisedCount(toMember: T.externalA.id) == 1)
        #expect(out.advertisedCount(toMember: T.externalC.id) == 2)
    }

    @Test func attributeSetsAreFreedWhenNothingUsesThemAnyMore() {
        let rib = T.makeRIB([T.externalA, T.externalB, T.externalC])
        let out = table(for: T.externalC)
        announce(T.externalA, [prefix, other], T.attributes([65001]), on: rib, to: out)
        announce(T.externalB, [prefix], T.attributes([65001]), on: rib, to: out)
        _ = out.drain(rib: rib)
        withdraw(T.externalA, [prefix], on: rib, to: out)
        announce(T.externalA, [other], T.attributes([65001], med: 3), on: rib, to: out)
        _ = out.drain(rib: rib)
        // The routes' own sets are kept (B's, and A's with its MED), though both export
        // alike; A's first set went with its last prefix.
        #expect(out.attributeSetCount == 2)

        withdraw(T.externalA, [other], on: rib, to: out)
        withdraw(T.externalB, [prefix], on: rib, to: out)
        #expect(out.attributeSetCount == 2)  // sent, until the withdrawals are drained
        _ = out.drain(rib: rib)
        #expect(out.attributeSetCount == 0)
        #expect(out.advertisedCount == 0)
    }

    @Test func advertisedUpdatesGiveTheDrainedTableAndChangeNothing() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        out.apply(rib.originate(other, attributes: T.attributes([])), rib: rib)
        let drained = out.drain(rib: rib)
        let third = T.prefix("10.3.0.0/16")
        announce(T.externalA, [third], T.attributes([65001]), on: rib, to: out)

        #expect(out.advertisedUpdates(rib: rib) == drained)
        #expect(out.advertisedUpdates(rib: rib) == drained)
        #expect(out.hasPending)
        #expect(out.drain(rib: rib).map(\.announced) == [[third]])
    }

    @Test func advertisedUpdatesOfSomePrefixesWithdrawTheRest() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC)
        let third = T.prefix("10.3.0.0/16")
        let unknown = T.prefix("10.9.0.0/16")
        announce(T.externalA, [prefix, other, third], T.attributes([65001]), on: rib, to: out)
        _ = out.drain(rib: rib)
        withdraw(T.externalA, [third], on: rib, to: out)

        let updates = out.advertisedUpdates(of: [other, unknown, prefix, unknown], rib: rib)
        #expect(updates.map(\.withdrawn) == [[unknown], []])
        #expect(updates.map(\.announced) == [[], [prefix, other]])
        #expect(updates.map(\.source) == [nil, T.externalA.id])
        #expect(out.advertisedUpdates(of: [third], rib: rib).map(\.announced) == [[third]])
        #expect(out.hasPending)
    }

    /// A reflecting RIB where internal peer A (not a client) sent `prefix` and external peer
    /// A sent `other`: a client group gets both, a non-client group only `other`.
    private func reflectingGroups() -> (
        rib: RIB<IPv4Prefix>, clients: AdjRIBOut<IPv4Prefix>, nonClients: AdjRIBOut<IPv4Prefix>
    ) {
        let rib = T.makeRIB([T.internalA, T.externalA], clusterID: T.clusterID)
        let clients = table(for: T.clientA)
        let nonClients = table(for: T.internalB)
        T.announce(T.internalA, [prefix], T.attributes([]), on: rib, to: clients, nonClients)
        T.announce(T.externalA, [other], T.attributes([65001]), on: rib, to: clients, nonClients)
        _ = clients.drain(rib: rib)
        _ = nonClients.drain(rib: rib)
        return (rib, clients, nonClients)
    }

    @Test func transitionAnnouncesWhatTheOldGroupLacked() {
        let (rib, clients, nonClients) = reflectingGroups()
        let updates = clients.transition(from: nonClients, rib: rib)
        #expect(updates.map(\.announced) == [[prefix]])
        #expect(updates.map(\.withdrawn) == [[]])
        #expect(updates.first?.source == T.internalA.id)
        #expect(updates.first?.attributes.clusterList == [T.clusterID])
    }

    @Test func transitionWithdrawsWhatOnlyTheOldGroupHad() {
        let (rib, clients, nonClients) = reflectingGroups()
        let withdrawal = OutboundUpdate(withdrawn: [prefix], attributes: .init(), announced: [])
        #expect(nonClients.transition(from: clients, rib: rib) == [withdrawal])
        #expect(clients.transition(from: clients, rib: rib).isEmpty)
    }

    @Test func transitionAnnouncesWhatGoesWithOtherAttributes() {
        let (rib, _, nonClients) = reflectingGroups()
        let elsewhere = AdjRIBOut<IPv4Prefix>(
            profile: T.profile(of: T.internalB, nextHopSelf: IPv4Address(192, 0, 2, 77)),
            localAS: T.localAS, policy: ExportPolicy(allowedPrefixes: [.v4(T.pool)]))
        elsewhere.reconcile(with: rib)
        _ = elsewhere.drain(rib: rib)

        let updates = elsewhere.transition(from: nonClients, rib: rib)
        #expect(updates.map(\.announced) == [[other]])
        #expect(updates.first?.attributes.nextHop == IPv4Address(192, 0, 2, 77))
    }

    @Test func transitionAnnouncesWhatComesFromAnotherSource() {
        let rib = T.makeRIB([T.externalA, T.externalB, T.externalC])
        let old = table(for: T.externalC)
        T.announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: old)
        _ = old.drain(rib: rib)
        T.announce(T.externalB, [prefix], T.attributes([65001]), on: rib)
        _ = rib.update(
            from: T.externalA.id, withdrawn: [prefix], announced: [],
            attributes: PathAttributes())
        let new = table(for: T.externalC)
        new.reconcile(with: rib)
        _ = new.drain(rib: rib)

        let updates = new.transition(from: old, rib: rib)
        #expect(updates.map(\.announced) == [[prefix]])
        #expect(updates.map(\.source) == [T.externalB.id])
    }

    @Test func transitionIgnoresWhatIsPending() {
        let (rib, clients, nonClients) = reflectingGroups()
        let third = T.prefix("10.3.0.0/16")
        T.announce(T.externalA, [third], T.attributes([65001]), on: rib, to: clients, nonClients)
        #expect(clients.transition(from: nonClients, rib: rib).map(\.announced) == [[prefix]])
    }
}
