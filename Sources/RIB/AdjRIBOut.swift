import BGPWire

/// The routes advertised to one peer (RFC 4271 §3.2, §9.2): export rules applied to the
/// Loc-RIB's best routes, and the changes waiting to be sent.
///
/// Best route changes go in through `apply(_:rib:)`; each becomes the attributes this peer
/// should have for its prefix, or a withdrawal. Pending changes are kept per prefix, so
/// several before one `drain()` give the latest state only, and a change back to what was last
/// sent cancels out. `drain()` packs what remains into updates, one per attribute set.
///
/// Export rules: only prefixes inside the policy's pools; never back to the peer a route came
/// from; no route learned from an internal peer to another internal peer (§9.2); NO_ADVERTISE
/// and NO_EXPORT (RFC 1997); NEXT_HOP set to `nextHopSelf`, except that a route learned from
/// an internal peer keeps its NEXT_HOP towards an external peer on the same subnet as that
/// next hop (`sharedSubnet`, the third-party next hop of RFC 4271 §5.1.3). To external peers
/// our AS is prepended and LOCAL_PREF removed, and MED too unless we originated the route
/// (§5.1.4); to internal peers LOCAL_PREF is set, 100 unless the route has one (§5.1.5).
/// Unrecognized non-transitive attributes are dropped, transitive ones passed on marked
/// Partial (§5). Extended and large communities (RFC 4360, RFC 8092) pass on unchanged;
/// ORIGINATOR_ID and CLUSTER_LIST (RFC 4456) are cleared, as this speaker is no route
/// reflector (route reflection is a later issue).
///
/// Storage: the advertised and pending tables are a prefix and a 4-byte attribute index each,
/// with the exported attribute sets interned per peer.
public final class AdjRIBOut {
    private enum PendingChange {
        case announce(AttributeIndex)
        case withdraw
    }

    /// The peer this table is for.
    public let peer: PeerInfo
    /// Our AS, prepended towards external peers.
    public let localAS: UInt32
    /// The NEXT_HOP of every route sent: our address on the session.
    public let nextHopSelf: IPv4Address
    /// The subnet this peer shares with us, if it is one hop away. Towards an external
    /// peer, a route from an internal peer whose NEXT_HOP lies inside it keeps that next
    /// hop, so traffic goes straight to the host that owns the route (RFC 4271 §5.1.3).
    public let sharedSubnet: IPv4Prefix?
    /// The pools exported; after changing it, call `reconcile(with:)`.
    public var policy: ExportPolicy

    private var attributeTable = AttributeTable()
    private var advertised: [IPv4Prefix: AttributeIndex] = [:]
    private var pending: [IPv4Prefix: PendingChange] = [:]

    /// Creates an empty table for `peer`; nothing is pending until routes are applied.
    public init(
        peer: PeerInfo, localAS: UInt32, nextHopSelf: IPv4Address,
        sharedSubnet: IPv4Prefix? = nil, policy: ExportPolicy
    ) {
        self.peer = peer
        self.localAS = localAS
        self.nextHopSelf = nextHopSelf
        self.sharedSubnet = sharedSubnet
        self.policy = policy
    }

    /// Whether `drain()` would return anything.
    public var hasPending: Bool { !pending.isEmpty }

    /// The number of prefixes last sent as reachable.
    public var advertisedCount: Int { advertised.count }

    // MARK: - Changes in

    /// Queues what `changes` mean for this peer; `rib` tells which peers routes came from.
    public func apply(_ changes: [BestPathChange], rib: RIB) {
        for change in changes {
            queue(change.prefix, change.current.flatMap { exported($0, rib: rib) }, resend: false)
        }
    }

    /// Queues the whole table again, whether sent before or not: for the first advertisement
    /// after Established and for a ROUTE-REFRESH (RFC 2918 §4). A prefix changing back to its
    /// sent state before `drain()` is then not sent again.
    public func fullTable(from rib: RIB) {
        reconcile(with: rib, resend: true)
    }

    /// Queues only the differences between what was sent and what `rib` now gives, as after
    /// a change of `policy`.
    public func reconcile(with rib: RIB) {
        reconcile(with: rib, resend: false)
    }

    // MARK: - Updates out

    /// Takes the pending changes as updates and records them as sent: withdrawals first in
    /// one update, then one update per attribute set, prefixes sorted.
    public func drain() -> [OutboundUpdate] {
        var withdrawn: [IPv4Prefix] = []
        var groups: [AttributeIndex: [IPv4Prefix]] = [:]
        for (prefix, change) in pending {
            switch change {
            case .withdraw:
                withdrawn.append(prefix)
                advertised.removeValue(forKey: prefix).map { attributeTable.release($0) }
            case .announce(let index):
                groups[index, default: []].append(prefix)
                advertised.updateValue(index, forKey: prefix).map { attributeTable.release($0) }
            }
        }
        pending.removeAll()
        return updates(withdrawn: withdrawn, groups: groups)
    }

    private func updates(
        withdrawn: [IPv4Prefix], groups: [AttributeIndex: [IPv4Prefix]]
    ) -> [OutboundUpdate] {
        var updates = groups.map { index, prefixes in
            OutboundUpdate(
                withdrawn: [], attributes: attributeTable[index], announced: prefixes.sorted())
        }
        updates.sort { $0.announced[0] < $1.announced[0] }
        guard !withdrawn.isEmpty else { return updates }

        let withdrawal = OutboundUpdate(
            withdrawn: withdrawn.sorted(), attributes: PathAttributes(), announced: [])
        return [withdrawal] + updates
    }
}

// MARK: - Export rules

extension AdjRIBOut {
    /// The attributes `route` goes to this peer with, or nil when the export rules hold it.
    func exported(_ route: Route, rib: RIB) -> PathAttributes? {
        guard policy.permits(route.prefix), route.peer != peer.id,
            let source = rib.peer(route.peer), mayAdvertise(route, from: source)
        else { return nil }

        var attributes = route.attributes
        attributes.nextHop = nextHop(for: route, from: source)
        if route.peer != .local { attributes.unrecognized = passedOn(attributes.unrecognized) }
        clearReflectionAttributes(&attributes)
        if peer.isInternal {
            attributes.localPreference =
                attributes.localPreference ?? DecisionProcess.defaultLocalPreference
        } else {
            attributes.asPath = attributes.asPath.prepending(localAS)
            attributes.localPreference = nil
            if route.peer != .local { attributes.multiExitDiscriminator = nil }
        }
        return attributes
    }

    /// Next hop self, or the route's own next hop as RFC 4271 §5.1.3 (2) allows.
    private func nextHop(for route: Route, from source: PeerInfo) -> IPv4Address {
        guard !peer.isInternal, route.peer != .local, source.isInternal,
            let original = route.attributes.nextHop, let sharedSubnet,
            sharedSubnet.contains(original)
        else { return nextHopSelf }
        return original
    }

    private func mayAdvertise(_ route: Route, from source: PeerInfo) -> Bool {
        // RFC 4271 §9.2: internal peers form a full mesh, each hears from the source itself.
        guard !(source.isInternal && peer.isInternal) else { return false }

        // RFC 1997: NO_ADVERTISE goes to no peer, NO_EXPORT stays inside our AS.
        let communities = route.attributes.communities
        guard !communities.contains(.noAdvertise) else { return false }
        return peer.isInternal || !communities.contains(.noExport)
    }

    /// RFC 4456 §8: ORIGINATOR_ID and CLUSTER_LIST are non-transitive and only a route
    /// reflector sets them, so they are not sent on. Route reflection is a later issue.
    private func clearReflectionAttributes(_ attributes: inout PathAttributes) {
        attributes.originatorID = nil
        attributes.clusterList = []
    }

    /// RFC 4271 §5: an unrecognized optional non-transitive attribute is not passed on; an
    /// unrecognized transitive one is, with the Partial bit set.
    private func passedOn(_ unrecognized: [RawAttribute]) -> [RawAttribute] {
        unrecognized.filter { $0.flags.contains(.transitive) }.map { attribute in
            var marked = attribute
            marked.flags.insert(.partial)
            return marked
        }
    }
}

// MARK: - Queueing

extension AdjRIBOut {
    /// Makes the pending state of `prefix` lead to `attributes` (nil: not reachable through
    /// us). Without `resend`, a state equal to the one sent leaves nothing pending.
    private func queue(_ prefix: IPv4Prefix, _ attributes: PathAttributes?, resend: Bool) {
        let desired = attributes.map { attributeTable.intern($0) }
        if case .announce(let index) = pending.removeValue(forKey: prefix) {
            attributeTable.release(index)
        }

        let sent = advertised[prefix]
        guard desired != nil || sent != nil else { return }
        guard resend || desired != sent else {
            desired.map { attributeTable.release($0) }
            return
        }
        pending[prefix] = desired.map(PendingChange.announce) ?? .withdraw
    }

    private func reconcile(with rib: RIB, resend: Bool) {
        for prefix in Array(advertised.keys) {
            let route = rib.bestRoute(for: prefix)
            queue(prefix, route.flatMap { exported($0, rib: rib) }, resend: resend)
        }
        for route in rib.bestRoutes where advertised[route.prefix] == nil {
            queue(route.prefix, exported(route, rib: rib), resend: resend)
        }
    }
}
