import BGPWire

/// The routes advertised to one update group, the peers that share an `ExportProfile`
/// (RFC 4271 §3.2, §9.2): export rules applied to the Loc-RIB's best routes, the changes
/// waiting to be sent, and what was last sent to the group.
///
/// Best route changes go in through `apply(_:)`; each becomes the attributes the group
/// should have for its prefix, or a withdrawal. Pending changes are kept per prefix, so
/// several before one `drain()` give the latest state only, and a change back to what was last
/// sent cancels out. `drain()` packs what remains into updates, one per attribute set and
/// source. A new table is filled with `reconcile(with:)` and `drain()`.
///
/// The table does not hold a route back from the peer it came from: every update names the
/// `source` of its announcements, and the caller leaves that member out. A member joining
/// late, asking for a ROUTE-REFRESH or catching up is served from the sent state with
/// `advertisedUpdates()`, `advertisedUpdates(of:)` and `transition(from:)`.
///
/// The export rules are listed in `AdjRIBOut+ExportRules.swift`.
///
/// Storage: the advertised and pending tables are a prefix, a 4-byte attribute index and a
/// 4-byte source per entry. What is kept of a route is its attributes as the RIB holds them,
/// by their index in the RIB's own attribute table (on which the table holds a reference,
/// so the set outlives the RIB's paths while it is advertised), and its source: the
/// attributes sent are made from them by the export rules each time updates are built,
/// never stored. A change of what the rules give for the same
/// route (a new cluster id) is therefore not seen by comparing: `reconcile(with:resending:)`
/// sends every route again.
public final class AdjRIBOut<Prefix: RIBPrefix> {
    /// What the group is sent for one prefix: the best route's attributes as the RIB holds
    /// them, from which the export rules make the ones sent, and the peer it came from.
    private struct Advertisement: Hashable {
        var attributes: AttributeIndex
        var source: PeerID

        func hash(into hasher: inout Hasher) {
            hasher.combine(attributes.rawValue)
            hasher.combine(source.rawValue)
        }

        /// A drain groups its prefixes by advertisement, so this is hashed once per route
        /// sent: one multiply and shift rather than SipHash (profiled at 1.5 % of S2).
        func _rawHashValue(seed: Int) -> Int {
            let packed = UInt64(source.rawValue) << 32 | UInt64(attributes.rawValue)
            let mixed = (packed ^ UInt64(truncatingIfNeeded: seed)) &* 0x9E37_79B9_7F4A_7C15
            return Int(truncatingIfNeeded: mixed ^ mixed >> 29)
        }
    }

    private enum PendingChange {
        case announce(Advertisement)
        case withdraw
    }

    /// The last export computed in one batch, holding its own reference on the exported
    /// set so that the index stays valid while it is kept.
    private struct ExportMemo {
        var last: (attributes: PathAttributes, source: PeerID, exported: AttributeIndex?)?

        mutating func clear(releasingFrom rib: RIB<Prefix>) {
            if let exported = last?.exported { rib.releaseAttributes(exported) }
            last = nil
        }
    }

    /// What the members have in common; the export rules depend on nothing else of theirs.
    public let profile: ExportProfile
    /// Our AS, prepended towards external peers.
    public let localAS: UInt32
    /// The pools exported; after changing it, call `reconcile(with:)`.
    public var policy: ExportPolicy

    /// The RIB whose best routes the table follows, whose attribute sets it refers to, and
    /// whose peers the export rules ask about.
    public let rib: RIB<Prefix>
    private var advertised: [Prefix: Advertisement] = [:]
    /// How many advertised prefixes each source gave, for `advertisedCount(toMember:)`.
    private var advertisedBySource: [PeerID: Int] = [:]
    private var pending: [Prefix: PendingChange] = [:]

    /// Creates an empty table for the group of `profile`, following `rib`; nothing is
    /// pending until routes are applied or the table is reconciled.
    public init(profile: ExportProfile, localAS: UInt32, policy: ExportPolicy, rib: RIB<Prefix>) {
        self.profile = profile
        self.localAS = localAS
        self.policy = policy
        self.rib = rib
    }

    /// Gives back the table's references on the RIB's attribute sets.
    deinit {
        for advertisement in advertised.values { rib.releaseAttributes(advertisement.attributes) }
        for case .announce(let advertisement) in pending.values {
            rib.releaseAttributes(advertisement.attributes)
        }
    }

    /// Whether `drain()` would return anything.
    public var hasPending: Bool { !pending.isEmpty }

    /// The number of prefixes with a change waiting for `drain()`.
    public var pendingCount: Int { pending.count }

    /// The number of prefixes last sent as reachable.
    public var advertisedCount: Int { advertised.count }

    /// The number of prefixes last sent as reachable to a member that is `source`, which is
    /// never sent its own routes (split horizon).
    public func advertisedCount(toMember source: PeerID) -> Int {
        advertised.count - (advertisedBySource[source] ?? 0)
    }

    /// The number of distinct route attribute sets held, sent or pending.
    var attributeSetCount: Int {
        var held = Set(advertised.values.map(\.attributes))
        for case .announce(let advertisement) in pending.values {
            held.insert(advertisement.attributes)
        }
        return held.count
    }

    // MARK: - Changes in

    /// Queues what `changes`, which the RIB made, mean for the group.
    public func apply(_ changes: [BestPathChange<Prefix>]) {
        var memo = ExportMemo()
        for change in changes {
            queue(change.prefix, change.current, memo: &memo)
        }
        memo.clear(releasingFrom: rib)
    }

    /// Queues the differences between what was sent and what the RIB now gives: to fill a
    /// new table, and after a change of `policy` or of a peer's client status. After a
    /// change of the RIB's cluster id, `resending` every advertised route, since the
    /// attributes sent for the same route change with it.
    public func reconcile(resending: Bool = false) {
        var memo = ExportMemo()
        for prefix in Array(advertised.keys) {
            queue(prefix, rib.bestRoute(for: prefix), memo: &memo, forced: resending)
        }
        for route in rib.bestRoutes where advertised[route.prefix] == nil {
            queue(route.prefix, route, memo: &memo)
        }
        memo.clear(releasingFrom: rib)
    }

    // MARK: - Updates out

    /// Takes the pending changes as updates and records them as sent: withdrawals first in
    /// one update, then one update per attribute set and source, prefixes sorted.
    public func drain() -> [OutboundUpdate<Prefix>] {
        var withdrawn: [Prefix] = []
        var groups: [Advertisement: [Prefix]] = [:]
        var takenOver: [Advertisement: [Prefix]] = [:]
        for (prefix, change) in pending {
            let replaced: Advertisement?
            switch change {
            case .withdraw:
                withdrawn.append(prefix)
                replaced = advertised.removeValue(forKey: prefix)
            case .announce(let advertisement):
                groups[advertisement, default: []].append(prefix)
                replaced = advertised.updateValue(advertisement, forKey: prefix)
                advertisedBySource[advertisement.source, default: 0] += 1
                if let replaced, replaced.source != advertisement.source {
                    takenOver[advertisement, default: []].append(prefix)
                }
            }
            if let replaced {
                rib.releaseAttributes(replaced.attributes)
                advertisedBySource[replaced.source, default: 1] -= 1
                if advertisedBySource[replaced.source] == 0 {
                    advertisedBySource[replaced.source] = nil
                }
            }
        }
        pending.removeAll()
        var drained = updates(withdrawn: withdrawn, groups: groups)
        for index in drained.indices where drained[index].source != nil {
            let key = advertisement(of: drained[index])
            drained[index].takenFromOtherSources = takenOver[key]?.sorted() ?? []
        }
        return drained
    }

    /// The advertisement an update drained from `groups` was made of.
    private func advertisement(of update: OutboundUpdate<Prefix>) -> Advertisement {
        guard let source = update.source, let prefix = update.announced.first,
            let advertisement = advertised[prefix], advertisement.source == source
        else { preconditionFailure("an announcement without its advertised state") }
        return advertisement
    }

    // MARK: - The sent state

    /// The whole table as last drained, one update per attribute set and source, for a member
    /// that joins the group or asks for a ROUTE-REFRESH (RFC 2918 §4). Changes nothing.
    public func advertisedUpdates() -> [OutboundUpdate<Prefix>] {
        var groups: [Advertisement: [Prefix]] = [:]
        for (prefix, advertisement) in advertised {
            groups[advertisement, default: []].append(prefix)
        }
        return updates(withdrawn: [], groups: groups)
    }

    /// The state of `prefixes` as last drained: announcements for those advertised, one
    /// withdrawal first for the rest; for a member catching up on drains it was left out of.
    /// Changes nothing.
    public func advertisedUpdates(
        of prefixes: some Sequence<Prefix>
    ) -> [OutboundUpdate<Prefix>] {
        var withdrawn: [Prefix] = []
        var groups: [Advertisement: [Prefix]] = [:]
        for prefix in Set(prefixes) {
            guard let advertisement = advertised[prefix] else {
                withdrawn.append(prefix)
                continue
            }
            groups[advertisement, default: []].append(prefix)
        }
        return updates(withdrawn: withdrawn, groups: groups)
    }

    /// What a member moving from the group of `old` to this one must be sent: announcements
    /// for prefixes this table advertises with other attributes or another source than `old`,
    /// or that `old` does not advertise, and withdrawals for prefixes only `old` advertises.
    /// A different source counts because the member's split horizon depends on it.
    ///
    /// Both tables are taken as last drained; what is pending in this one reaches the member
    /// with the next `drain()`. Changes nothing.
    public func transition(
        from old: AdjRIBOut<Prefix>
    ) -> [OutboundUpdate<Prefix>] {
        var ours: [Advertisement: PathAttributes?] = [:]
        var theirs: [Advertisement: PathAttributes?] = [:]
        var groups: [Advertisement: [Prefix]] = [:]
        for (prefix, advertisement) in advertised {
            if let previous = old.advertised[prefix], previous.source == advertisement.source,
                old.sent(previous, cache: &theirs) == sent(advertisement, cache: &ours)
            {
                continue
            }
            groups[advertisement, default: []].append(prefix)
        }
        let withdrawn = old.advertised.keys.filter { advertised[$0] == nil }
        return updates(withdrawn: withdrawn, groups: groups)
    }

    // MARK: - Helpers

    /// Makes the pending state of `prefix` lead to what `route`, its best route or nil, gives
    /// this group. A state equal to the one sent leaves nothing pending, unless `forced`.
    private func queue(
        _ prefix: Prefix, _ route: Route<Prefix>?, memo: inout ExportMemo,
        forced: Bool = false
    ) {
        let desired = route.flatMap { route -> Advertisement? in
            guard permits(prefix) else { return nil }
            return advertisedIndex(route, memo: &memo).map {
                Advertisement(attributes: $0, source: route.peer)
            }
        }
        if case .announce(let advertisement) = pending.removeValue(forKey: prefix) {
            rib.releaseAttributes(advertisement.attributes)
        }

        guard forced || desired != advertised[prefix] else {
            desired.map { rib.releaseAttributes($0.attributes) }
            return
        }
        pending[prefix] = desired.map(PendingChange.announce) ?? .withdraw
    }

    /// The index of the route's attributes in the RIB, with a reference for the caller,
    /// when the rules export the route at all, else nil. The prefixes of one UPDATE come in a row
    /// with the same attributes and source, so the last answer is kept in `memo` and reused
    /// for them: one check of the rules and one lookup per attribute set, not per prefix.
    private func advertisedIndex(
        _ route: Route<Prefix>, memo: inout ExportMemo
    ) -> AttributeIndex? {
        if let last = memo.last, last.source == route.peer, last.attributes == route.attributes {
            last.exported.map { rib.retainAttributes($0) }
            return last.exported
        }
        let exported = exports(route.attributes, from: route.peer)
        let index = exported ? rib.referenceAttributes(of: route) : nil
        memo.clear(releasingFrom: rib)
        index.map { rib.retainAttributes($0) }
        memo.last = (route.attributes, route.peer, index)
        return index
    }

    /// The attributes sent for `advertisement` under the rules as they are now, or nil if
    /// they hold it (its source is gone); `cache` keeps the answers of one call.
    private func sent(
        _ advertisement: Advertisement, cache: inout [Advertisement: PathAttributes?]
    ) -> PathAttributes? {
        if let known = cache[advertisement] { return known }
        let attributes = exported(
            rib.attributes(at: advertisement.attributes), from: advertisement.source)
        cache[advertisement] = .some(attributes)
        return attributes
    }

    /// One update per advertisement with the attributes the rules make of it, prefixes
    /// sorted, the updates in prefix order, after one withdrawal of `withdrawn`. An
    /// advertisement the rules now hold (its source went down since it was queued) is left
    /// to the drain that will replace it.
    private func updates(
        withdrawn: [Prefix], groups: [Advertisement: [Prefix]]
    ) -> [OutboundUpdate<Prefix>] {
        // Each advertisement is one group, so each is exported once, with no cache.
        var updates = groups.compactMap { advertisement, prefixes -> OutboundUpdate<Prefix>? in
            let stored = rib.attributes(at: advertisement.attributes)
            guard let attributes = exported(stored, from: advertisement.source) else {
                return nil
            }
            return OutboundUpdate(
                withdrawn: [], attributes: attributes, announced: prefixes.sorted(),
                source: advertisement.source)
        }
        updates.sort { $0.announced[0] < $1.announced[0] }
        guard !withdrawn.isEmpty else { return updates }

        let withdrawal = OutboundUpdate(
            withdrawn: withdrawn.sorted(), attributes: PathAttributes(), announced: [])
        return [withdrawal] + updates
    }
}
