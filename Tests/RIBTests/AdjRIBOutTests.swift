import BGPWire
import Testing

@testable import RIB

@Suite struct AdjRIBOutTests {
    typealias T = TestPeers
    private let nextHopSelf = T.nextHopSelf
    private let prefix = T.prefix("10.1.0.0/16")
    private let other = T.prefix("10.2.0.0/16")

    private func table(for peer: PeerInfo, on rib: RIB<IPv4Prefix>) -> AdjRIBOut<IPv4Prefix> {
        T.table(for: peer, on: rib)
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
        table.apply(changes)
    }

    // MARK: - Attributes

    @Test func toExternalPeersPrependAndSetNextHopAndDropLocalPreferenceAndMED() {
        let rib = T.makeRIB([T.internalA, T.externalC])
        let out = table(for: T.externalC, on: rib)
        let learned = T.attributes([65001], med: 30, localPreference: 200)
        announce(T.internalA, [prefix], learned, on: rib, to: out)

        let updates = out.drain()
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
        let out = T.table(for: T.externalC, sharedSubnet: subnet, on: rib)
        announce(T.internalA, [prefix], T.attributes([]), on: rib, to: out)
        announce(T.externalA, [other], T.attributes([65001]), on: rib, to: out)

        let sent = Dictionary(
            uniqueKeysWithValues: out.drain().flatMap { update in
                update.announced.map { ($0, update.attributes.nextHop) }
            })
        #expect(sent[prefix] == IPv4Address(192, 0, 2, 99))
        #expect(sent[other] == nextHopSelf)
    }

    @Test func anInternalRouteWhoseNextHopIsOffTheSharedSubnetGetsNextHopSelf() {
        let rib = T.makeRIB([T.internalA, T.externalC])
        let out = T.table(for: T.externalC, sharedSubnet: T.prefix("198.51.100.0/24"), on: rib)
        announce(T.internalA, [prefix], T.attributes([]), on: rib, to: out)
        #expect(out.drain().first?.attributes.nextHop == nextHopSelf)
    }

    @Test func toInternalPeersKeepThePathAndSetLocalPreference() {
        let rib = T.makeRIB([T.externalA, T.internalB])
        let out = table(for: T.internalB, on: rib)
        announce(T.externalA, [prefix], T.attributes([65001], med: 30), on: rib, to: out)

        let sent = out.drain().first?.attributes
        #expect(sent?.asPath == ASPath(sequence: [65001]))
        #expect(sent?.nextHop == nextHopSelf)
        #expect(sent?.localPreference == 100)
        #expect(sent?.multiExitDiscriminator == 30)
    }

    @Test func originatedRoutesKeepTheirMEDTowardsExternalPeers() {
        let rib = T.makeRIB([T.externalA])
        let out = table(for: T.externalA, on: rib)
        out.apply(rib.originate(prefix, attributes: T.attributes([], med: 5)))

        let sent = out.drain().first?.attributes
        #expect(sent?.asPath == ASPath(sequence: [T.localAS]))
        #expect(sent?.origin == .igp)
        #expect(sent?.multiExitDiscriminator == 5)
    }

    @Test func unrecognizedAttributesPassOnOnlyWhenTransitiveAndMarkedPartial() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC, on: rib)
        var attributes = T.attributes([65001])
        attributes.unrecognized = [
            RawAttribute(flags: [.optional, .transitive], type: .init(rawValue: 99), value: [1]),
            RawAttribute(flags: [.optional], type: .clusterList, value: [0, 0, 0, 1]),
        ]
        announce(T.externalA, [prefix], attributes, on: rib, to: out)

        let passed = out.drain().first?.attributes.unrecognized
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
            let out = table(for: peer, on: rib)
            announce(T.externalA, [prefix], attributes, on: rib, to: out)
            let sent = out.drain().first?.attributes
            #expect(sent?.extendedCommunities == attributes.extendedCommunities)
            #expect(sent?.largeCommunities == attributes.largeCommunities)
            #expect(sent?.unrecognized == [])
        }
    }

    @Test func originatorIDAndClusterListAreClearedOnExport() {
        let rib = T.makeRIB([T.internalA, T.externalC])
        let out = table(for: T.externalC, on: rib)
        var attributes = T.attributes([])
        attributes.originatorID = IPv4Address(192, 0, 2, 40)
        attributes.clusterList = [IPv4Address(192, 0, 2, 50)]
        announce(T.internalA, [prefix], attributes, on: rib, to: out)

        let sent = out.drain().first?.attributes
        #expect(sent != nil)
        #expect(sent?.originatorID == nil)
        #expect(sent?.clusterList == [])
    }

    // MARK: - What is not sent

    @Test func internalRoutesAreNotSentToInternalPeers() {
        let rib = T.makeRIB([T.internalA, T.internalB, T.externalC])
        let toInternal = table(for: T.internalB, on: rib)
        let toExternal = table(for: T.externalC, on: rib)
        let changes = rib.update(
            from: T.internalA.id, withdrawn: [], announced: [prefix],
            attributes: T.attributes([]))
        toInternal.apply(changes)
        toExternal.apply(changes)

        #expect(!toInternal.hasPending)
        #expect(toExternal.drain().map(\.announced) == [[prefix]])
    }

    @Test func routesBackToTheirSourceAreLeftToTheCaller() {
        let rib = T.makeRIB([T.externalA])
        let out = table(for: T.externalA, on: rib)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        out.apply(rib.originate(other, attributes: T.attributes([])))

        let updates = out.drain()
        #expect(updates.map(\.announced) == [[prefix], [other]])
        #expect(updates.map(\.source) == [T.externalA.id, .local])
    }

    @Test func onlyPrefixesInsideAPoolAreExported() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC, on: rib)
        let outside = T.prefix("172.16.0.0/16")
        let covering = T.prefix("10.0.0.0/7")
        announce(T.externalA, [prefix, outside, covering], T.attributes([65001]), on: rib, to: out)
        #expect(out.drain().map(\.announced) == [[prefix]])
    }

    @Test func wellKnownCommunitiesLimitExport() {
        let rib = T.makeRIB([T.externalA, T.internalB, T.externalC])
        let toInternal = table(for: T.internalB, on: rib)
        let toExternal = table(for: T.externalC, on: rib)
        let noExport = T.attributes([65001], communities: [.noExport])
        let noAdvertise = T.attributes([65001], communities: [.noAdvertise])
        for (prefixes, attributes) in [([prefix], noExport), ([other], noAdvertise)] {
            let changes = rib.update(
                from: T.externalA.id, withdrawn: [], announced: prefixes, attributes: attributes)
            toInternal.apply(changes)
            toExternal.apply(changes)
        }
        #expect(toInternal.drain().map(\.announced) == [[prefix]])
        #expect(!toExternal.hasPending)
    }

    // MARK: - Withdrawals, coalescing and packing

    @Test func previouslyAdvertisedPrefixIsWithdrawn() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC, on: rib)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        _ = out.drain()
        withdraw(T.externalA, [prefix], on: rib, to: out)

        let updates = out.drain()
        let withdrawal = OutboundUpdate(withdrawn: [prefix], attributes: .init(), announced: [])
        #expect(updates == [withdrawal])
        #expect(out.advertisedCount == 0)
    }

    @Test func bestChangingToANonExportableRouteWithdraws() {
        let rib = T.makeRIB([T.externalA, T.internalA, T.internalB])
        let out = table(for: T.internalB, on: rib)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        _ = out.drain()

        // An internal route with a higher LOCAL_PREF wins; without reflection it is held back.
        let better = T.attributes([65001], localPreference: 300)
        announce(T.internalA, [prefix], better, on: rib, to: out)
        #expect(out.drain().map(\.withdrawn) == [[prefix]])
    }

    @Test func severalChangesBeforeDrainGiveTheLatestState() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC, on: rib)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        announce(T.externalA, [prefix], T.attributes([65001], origin: .egp), on: rib, to: out)
        announce(T.externalA, [prefix], T.attributes([65001, 65005]), on: rib, to: out)

        let updates = out.drain()
        #expect(updates.count == 1)
        #expect(updates.first?.attributes.asPath == ASPath(sequence: [T.localAS, 65001, 65005]))
        #expect(!out.hasPending)
    }

    @Test func announcedThenWithdrawnBeforeDrainGivesNothing() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC, on: rib)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        withdraw(T.externalA, [prefix], on: rib, to: out)
        #expect(!out.hasPending)
        #expect(out.drain().isEmpty)
    }

    @Test func changeBackToTheSentStateGivesNothing() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC, on: rib)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        _ = out.drain()
        announce(T.externalA, [prefix], T.attributes([65001], origin: .egp), on: rib, to: out)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        #expect(!out.hasPending)
    }

    @Test func announcementsAreGroupedByAttributeSet() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC, on: rib)
        let third = T.prefix("10.3.0.0/16")
        let fourth = T.prefix("10.4.0.0/16")
        announce(T.externalA, [third, prefix], T.attributes([65001]), on: rib, to: out)
        announce(T.externalA, [other], T.attributes([65001, 65009]), on: rib, to: out)
        announce(T.externalA, [fourth], T.attributes([65001]), on: rib, to: out)
        withdraw(T.externalA, [fourth], on: rib, to: out)

        let updates = out.drain()
        #expect(updates.map(\.announced) == [[prefix, third], [other]])
        #expect(updates.map(\.withdrawn) == [[], []])
        #expect(updates.map(\.attributes.asPath.length) == [2, 3])
    }

    @Test func withdrawalsComeFirstInTheirOwnUpdate() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC, on: rib)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        _ = out.drain()
        withdraw(T.externalA, [prefix], on: rib, to: out)
        announce(T.externalA, [other], T.attributes([65001]), on: rib, to: out)

        let updates = out.drain()
        #expect(updates.map(\.withdrawn) == [[prefix], []])
        #expect(updates.map(\.announced) == [[], [other]])
    }

    // MARK: - Whole tables

    @Test func reconcileFillsANewTable() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        _ = rib.update(
            from: T.externalA.id, withdrawn: [], announced: [prefix, other],
            attributes: T.attributes([65001]))
        let out = table(for: T.externalC, on: rib)
        out.reconcile()
        #expect(out.drain().map(\.announced) == [[prefix, other]])
        #expect(out.advertisedCount == 2)

        out.reconcile()
        #expect(!out.hasPending)
    }

    @Test func reconcileAfterAPolicyChangeSendsOnlyTheDifference() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC, on: rib)
        announce(T.externalA, [prefix, other], T.attributes([65001]), on: rib, to: out)
        _ = out.drain()

        out.policy = ExportPolicy(allowedPrefixes: [.v4(prefix)])
        out.reconcile()
        #expect(out.drain().map(\.withdrawn) == [[other]])
        out.reconcile()
        #expect(!out.hasPending)
    }

    // MARK: - Update groups

    @Test func drainedAnnouncementsAreGroupedBySourceToo() {
        let rib = T.makeRIB([T.externalA, T.externalB, T.externalC])
        let out = table(for: T.externalC, on: rib)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        announce(T.externalB, [other], T.attributes([65001]), on: rib, to: out)

        let updates = out.drain()
        #expect(updates.map(\.announced) == [[prefix], [other]])
        #expect(updates.map(\.source) == [T.externalA.id, T.externalB.id])
        #expect(updates[0].attributes == updates[1].attributes)
    }

    @Test func aWithdrawalHasNoSource() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC, on: rib)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        _ = out.drain()
        withdraw(T.externalA, [prefix], on: rib, to: out)
        #expect(out.drain().map(\.source) == [nil])
    }

    @Test func aNewSourceWithTheSameAttributesIsAChange() {
        let rib = T.makeRIB([T.externalA, T.externalB, T.externalC])
        let out = table(for: T.externalC, on: rib)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        announce(T.externalB, [prefix], T.attributes([65001]), on: rib, to: out)
        _ = out.drain()

        withdraw(T.externalA, [prefix], on: rib, to: out)
        let updates = out.drain()
        #expect(updates.map(\.announced) == [[prefix]])
        #expect(updates.map(\.source) == [T.externalB.id])
    }

    @Test func onlyPrefixesTakenFromAnotherSourceAreListedForTheSourcesWithdrawal() {
        let rib = T.makeRIB([T.externalA, T.externalB, T.externalC])
        let out = table(for: T.externalC, on: rib)
        announce(T.externalB, [prefix], T.attributes([65001, 65002]), on: rib, to: out)
        _ = out.drain()

        // A's shorter path takes `prefix` over from B; `other` is new to the table.
        announce(T.externalA, [prefix, other], T.attributes([65001]), on: rib, to: out)
        let updates = out.drain()
        #expect(updates.map(\.source) == [T.externalA.id])
        #expect(updates.map(\.takenFromOtherSources) == [[prefix]])

        // The same source again with new attributes takes nothing over.
        announce(
            T.externalA, [prefix, other], T.attributes([65001], origin: .egp), on: rib, to: out)
        #expect(out.drain().map(\.takenFromOtherSources) == [[]])
    }

    @Test func aMembersAdvertisedCountLeavesOutItsOwnRoutes() {
        let rib = T.makeRIB([T.externalA, T.externalB, T.externalC])
        let out = table(for: T.externalC, on: rib)
        announce(T.externalA, [prefix, other], T.attributes([65001]), on: rib, to: out)
        announce(
            T.externalB, [IPv4Prefix("10.66.0.9/32")!], T.attributes([65002]), on: rib, to: out)
        _ = out.drain()
        #expect(out.advertisedCount == 3)
        #expect(out.advertisedCount(toMember: T.externalA.id) == 1)
        #expect(out.advertisedCount(toMember: T.externalB.id) == 2)

        withdraw(T.externalA, [prefix], on: rib, to: out)
        _ = out.drain()
        #expect(out.advertisedCount(toMember: T.externalA.id) == 1)
        #expect(out.advertisedCount(toMember: T.externalC.id) == 2)
    }

    @Test func attributeSetsAreFreedWhenNothingUsesThemAnyMore() {
        let rib = T.makeRIB([T.externalA, T.externalB, T.externalC])
        let out = table(for: T.externalC, on: rib)
        announce(T.externalA, [prefix, other], T.attributes([65001]), on: rib, to: out)
        announce(T.externalB, [prefix], T.attributes([65001]), on: rib, to: out)
        _ = out.drain()
        withdraw(T.externalA, [prefix], on: rib, to: out)
        announce(T.externalA, [other], T.attributes([65001], med: 3), on: rib, to: out)
        _ = out.drain()
        // The routes' own sets are kept (B's, and A's with its MED), though both export
        // alike; A's first set went with its last prefix.
        #expect(out.attributeSetCount == 2)

        withdraw(T.externalA, [other], on: rib, to: out)
        withdraw(T.externalB, [prefix], on: rib, to: out)
        #expect(out.attributeSetCount == 2)  // sent, until the withdrawals are drained
        _ = out.drain()
        #expect(out.attributeSetCount == 0)
        #expect(out.advertisedCount == 0)
    }

    @Test func advertisedUpdatesGiveTheDrainedTableAndChangeNothing() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC, on: rib)
        announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: out)
        out.apply(rib.originate(other, attributes: T.attributes([])))
        let drained = out.drain()
        let third = T.prefix("10.3.0.0/16")
        announce(T.externalA, [third], T.attributes([65001]), on: rib, to: out)

        #expect(out.advertisedUpdates() == drained)
        #expect(out.advertisedUpdates() == drained)
        #expect(out.hasPending)
        #expect(out.drain().map(\.announced) == [[third]])
    }

    @Test func advertisedUpdatesOfSomePrefixesWithdrawTheRest() {
        let rib = T.makeRIB([T.externalA, T.externalC])
        let out = table(for: T.externalC, on: rib)
        let third = T.prefix("10.3.0.0/16")
        let unknown = T.prefix("10.9.0.0/16")
        announce(T.externalA, [prefix, other, third], T.attributes([65001]), on: rib, to: out)
        _ = out.drain()
        withdraw(T.externalA, [third], on: rib, to: out)

        let updates = out.advertisedUpdates(of: [other, unknown, prefix, unknown])
        #expect(updates.map(\.withdrawn) == [[unknown], []])
        #expect(updates.map(\.announced) == [[], [prefix, other]])
        #expect(updates.map(\.source) == [nil, T.externalA.id])
        #expect(out.advertisedUpdates(of: [third]).map(\.announced) == [[third]])
        #expect(out.hasPending)
    }

    /// A reflecting RIB where internal peer A (not a client) sent `prefix` and external peer
    /// A sent `other`: a client group gets both, a non-client group only `other`.
    private func reflectingGroups() -> (
        rib: RIB<IPv4Prefix>, clients: AdjRIBOut<IPv4Prefix>, nonClients: AdjRIBOut<IPv4Prefix>
    ) {
        let rib = T.makeRIB([T.internalA, T.externalA], clusterID: T.clusterID)
        let clients = table(for: T.clientA, on: rib)
        let nonClients = table(for: T.internalB, on: rib)
        T.announce(T.internalA, [prefix], T.attributes([]), on: rib, to: clients, nonClients)
        T.announce(T.externalA, [other], T.attributes([65001]), on: rib, to: clients, nonClients)
        _ = clients.drain()
        _ = nonClients.drain()
        return (rib, clients, nonClients)
    }

    @Test func transitionAnnouncesWhatTheOldGroupLacked() {
        let (_, clients, nonClients) = reflectingGroups()
        let updates = clients.transition(from: nonClients)
        #expect(updates.map(\.announced) == [[prefix]])
        #expect(updates.map(\.withdrawn) == [[]])
        #expect(updates.first?.source == T.internalA.id)
        #expect(updates.first?.attributes.clusterList == [T.clusterID])
    }

    @Test func transitionWithdrawsWhatOnlyTheOldGroupHad() {
        let (_, clients, nonClients) = reflectingGroups()
        let withdrawal = OutboundUpdate(withdrawn: [prefix], attributes: .init(), announced: [])
        #expect(nonClients.transition(from: clients) == [withdrawal])
        #expect(clients.transition(from: clients).isEmpty)
    }

    @Test func transitionAnnouncesWhatGoesWithOtherAttributes() {
        let (rib, _, nonClients) = reflectingGroups()
        let elsewhere = AdjRIBOut<IPv4Prefix>(
            profile: T.profile(of: T.internalB, nextHopSelf: IPv4Address(192, 0, 2, 77)),
            localAS: T.localAS, policy: ExportPolicy(allowedPrefixes: [.v4(T.pool)]), rib: rib)
        elsewhere.reconcile()
        _ = elsewhere.drain()

        let updates = elsewhere.transition(from: nonClients)
        #expect(updates.map(\.announced) == [[other]])
        #expect(updates.first?.attributes.nextHop == IPv4Address(192, 0, 2, 77))
    }

    @Test func transitionAnnouncesWhatComesFromAnotherSource() {
        let rib = T.makeRIB([T.externalA, T.externalB, T.externalC])
        let old = table(for: T.externalC, on: rib)
        T.announce(T.externalA, [prefix], T.attributes([65001]), on: rib, to: old)
        _ = old.drain()
        T.announce(T.externalB, [prefix], T.attributes([65001]), on: rib)
        _ = rib.update(
            from: T.externalA.id, withdrawn: [prefix], announced: [],
            attributes: PathAttributes())
        let new = table(for: T.externalC, on: rib)
        new.reconcile()
        _ = new.drain()

        let updates = new.transition(from: old)
        #expect(updates.map(\.announced) == [[prefix]])
        #expect(updates.map(\.source) == [T.externalB.id])
    }

    @Test func transitionIgnoresWhatIsPending() {
        let (rib, clients, nonClients) = reflectingGroups()
        let third = T.prefix("10.3.0.0/16")
        T.announce(T.externalA, [third], T.attributes([65001]), on: rib, to: clients, nonClients)
        #expect(clients.transition(from: nonClients).map(\.announced) == [[prefix]])
    }

    /// The table refers to the RIB's own attribute sets. A change whose set a later change
    /// of the same batch freed (the prefix moved on to other attributes) must not be
    /// referred to by its stale index.
    @Test func aSetFreedLaterInTheSameBatchIsNotReferredToByItsOldIndex() {
        let rib = T.makeRIB([T.externalA])
        let out = table(for: T.externalC, on: rib)
        let first = rib.update(
            from: T.externalA.id, withdrawn: [], announced: [prefix],
            attributes: T.attributes([65001], med: 1))
        let second = rib.update(
            from: T.externalA.id, withdrawn: [], announced: [prefix],
            attributes: T.attributes([65001], med: 2))
        #expect(rib.attributeSetCount == 1)

        out.apply(first + second)
        let updates = out.drain()
        #expect(updates.map(\.announced) == [[prefix]])
        #expect(updates.first?.attributes.asPath == ASPath(sequence: [64511, 65001]))
        #expect(out.attributeSetCount == 1)
        #expect(rib.attributeSetCount == 1)
    }

    @Test func theTableHoldsTheRIBsSetUntilItsWithdrawalIsDrained() {
        let rib = T.makeRIB([T.externalA])
        let out = table(for: T.externalC, on: rib)
        out.apply(
            rib.update(
                from: T.externalA.id, withdrawn: [], announced: [prefix],
                attributes: T.attributes([65001])))
        _ = out.drain()
        out.apply(
            rib.update(
                from: T.externalA.id, withdrawn: [prefix], announced: [],
                attributes: PathAttributes()))
        #expect(rib.attributeSetCount == 1)
        _ = out.drain()
        #expect(rib.attributeSetCount == 0)
    }

    @Test func aTableGoneGivesBackItsReferences() {
        let rib = T.makeRIB([T.externalA])
        var out: AdjRIBOut<IPv4Prefix>? = table(for: T.externalC, on: rib)
        out?.apply(
            rib.update(
                from: T.externalA.id, withdrawn: [], announced: [prefix, other],
                attributes: T.attributes([65001])))
        _ = out?.drain()
        _ = rib.peerDown(T.externalA.id)
        #expect(rib.attributeSetCount == 1)
        out = nil
        #expect(rib.attributeSetCount == 0)
    }
}
