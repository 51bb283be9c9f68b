import BGPWire

/// The routing information base (RFC 4271 §3.2, §9): the Adj-RIB-In of every peer, the
/// Loc-RIB with the decision process, and through `AdjRIBOut` the routes each peer is sent.
///
/// Data flows in one direction. Sessions hand decoded UPDATE content to `update(from:...)`,
/// the daemon hands container routes to `originate(_:attributes:)`; import rules run (AS_PATH
/// loop, LOCAL_PREF and route-reflection attributes of external routes, ORIGINATOR_ID and
/// CLUSTER_LIST loops of internal ones), the path joins the candidates for its prefix, the
/// decision process (`DecisionProcess`) picks the best, and every change of a best route comes
/// back as a `BestPathChange` value, for the kernel and for each update group's `AdjRIBOut`.
///
/// One RIB holds one family, `IPv4Prefix` or `IPv6Prefix` (RFC 4760: each family has its
/// own routes and next hops); a daemon speaking both keeps two, each peer registered in the
/// RIB of every family its session negotiated. Supported: unicast, one best path per prefix,
/// iBGP and eBGP peers, route reflection (RFC 4456) when `clusterID` is set, with the
/// reflection rules in `AdjRIBOut`, which serves one update group of peers each. Not
/// supported: ECMP sets, confederations, import policy beyond the RFCs' own rules. Routes
/// the caller must treat as withdrawn (RFC 7606) arrive as withdrawn.
///
/// Storage is made for a million paths. Attribute sets are interned (`AttributeTable`); a path
/// is a peer number and an attribute index, eight bytes. A prefix's paths sit inline in one
/// dictionary entry (`CandidateSet`, 16 bytes plus the key: 8 bytes for IPv4, 24 for IPv6),
/// and a peer's Adj-RIB-In is its paths among those candidates, with a count: nothing is
/// stored per peer and prefix besides the path. Hash tables run between 3/8 and 3/4 full,
/// so an IPv4 prefix with one path costs 32 to 64 bytes; a second path adds an array (about
/// 48 bytes, shared by any further paths of the prefix, 8 bytes each). Distinct attribute
/// sets come on top, once each. The price is that finding one peer's routes (when it goes
/// down, or for `adjRIBIn(of:)`) is one pass over the Loc-RIB.
public final class RIB<Prefix: RIBPrefix> {
    private struct PeerState {
        var info: PeerInfo
        /// The prefixes it has a path for.
        var prefixCount = 0
    }

    /// Our AS, for loop detection and the decision process.
    public let localAS: UInt32
    /// Our BGP identifier, standing in as the address and identifier of local routes.
    public let routerID: IPv4Address
    /// Our cluster id when this router is a route reflector (RFC 4456 §7), else nil. After
    /// changing it, reconcile every `AdjRIBOut`; routes already stored are not checked again.
    public var clusterID: IPv4Address?

    private var peers: [PeerID: PeerState] = [:]
    private var locRIB: [Prefix: CandidateSet] = [:]
    private var attributeTable = AttributeTable()
    private let decisionProcess: DecisionProcess

    /// Creates an empty RIB for a router in `localAS` with BGP identifier `routerID`; with a
    /// `clusterID` the router is a route reflector for that cluster (RFC 4456).
    public init(localAS: UInt32, routerID: IPv4Address, clusterID: IPv4Address? = nil) {
        self.localAS = localAS
        self.routerID = routerID
        self.clusterID = clusterID
        decisionProcess = DecisionProcess(localAS: localAS)
        let local = PeerInfo(
            id: .local, address: routerID, autonomousSystem: localAS, bgpIdentifier: routerID,
            isInternal: false)
        peers[.local] = PeerState(info: local)
    }

    // MARK: - Peers

    /// Registers an established peer, whose UPDATEs may now arrive.
    public func peerUp(_ peer: PeerInfo) {
        precondition(peer.id != .local, "peerUp with the reserved local peer number")
        precondition(peers[peer.id] == nil, "peerUp for peer \(peer.id), which is already up")
        peers[peer.id] = PeerState(info: peer)
    }

    /// Replaces the description of an up peer with `info`, which has the same `id`, as when it
    /// becomes or stops being a reflector client. No stored route changes: the caller
    /// reconciles the `AdjRIBOut` tables that the change affects.
    public func updatePeer(_ info: PeerInfo) {
        precondition(info.id != .local, "updatePeer with the reserved local peer number")
        precondition(peers[info.id] != nil, "updatePeer for peer \(info.id), which is not up")
        peers[info.id]?.info = info
    }

    /// Drops every stored route from an internal peer that the reflection loop check now
    /// refuses (RFC 4456 §8), as after `clusterID` was set or changed: a route that arrived
    /// before we reflected may carry our new cluster id. Returns the best route changes.
    /// Routes dropped under an earlier cluster id do not come back by this; the caller asks
    /// the peers for them again (ROUTE-REFRESH).
    public func dropReflectionLoops() -> [BestPathChange<Prefix>] {
        var changes: [BestPathChange<Prefix>] = []
        for (id, state) in peers where id != .local && state.info.isInternal {
            let looped = prefixes(from: id) { isReflectionLoop(attributeTable[$0.attributes]) }
            withdraw(looped, from: id, into: &changes)
        }
        return changes
    }

    /// Forgets a peer and flushes its Adj-RIB-In (RFC 4271 §8.2.2, leaving Established);
    /// returns the best route changes that follow.
    public func peerDown(_ peer: PeerID) -> [BestPathChange<Prefix>] {
        precondition(peer != .local, "peerDown with the reserved local peer number")
        guard peers.removeValue(forKey: peer) != nil else { return [] }
        var changes: [BestPathChange<Prefix>] = []
        for prefix in prefixes(from: peer) {
            changeCandidates(for: prefix, into: &changes) { CandidateSet.remove(peer, from: &$0) }
        }
        return changes
    }

    /// The peer registered under `id`; `PeerID.local` describes this router.
    public func peer(_ id: PeerID) -> PeerInfo? {
        peers[id]?.info
    }

    // MARK: - Routes in

    /// Applies one UPDATE from `peer` (RFC 4271 §9): `withdrawn` first, then `announced` with
    /// `attributes`. A looped route is dropped, replacing any earlier route for its prefix
    /// from that peer: from an external peer one whose AS_PATH holds our AS (§9.1.2), from an
    /// internal peer one whose ORIGINATOR_ID is our router id or, when we reflect, whose
    /// CLUSTER_LIST holds our cluster id (RFC 4456 §8).
    public func update(
        from peer: PeerID, withdrawn: [Prefix], announced: [Prefix],
        attributes: PathAttributes
    ) -> [BestPathChange<Prefix>] {
        guard peer != .local, let info = peers[peer]?.info else {
            preconditionFailure("update from peer \(peer), which is not up")
        }
        var changes: [BestPathChange<Prefix>] = []
        // A change is large (two routes with their attributes): growing the array by
        // doubling would copy it again and again.
        changes.reserveCapacity(withdrawn.count + announced.count)
        withdraw(withdrawn, from: peer, into: &changes)
        guard !announced.isEmpty else { return changes }

        guard let imported = imported(attributes, from: info) else {
            withdraw(announced, from: peer, into: &changes)
            return changes
        }
        announce(announced, from: peer, attributes: imported, into: &changes)
        return changes
    }

    /// Originates a route for a local container address: ORIGIN IGP and an empty AS_PATH,
    /// the other attributes as given. Replaces an earlier origination of `prefix`.
    public func originate(_ prefix: Prefix, attributes: PathAttributes) -> [BestPathChange<Prefix>]
    {
        var local = attributes
        local.origin = .igp
        local.asPath = ASPath()
        var changes: [BestPathChange<Prefix>] = []
        announce([prefix], from: .local, attributes: local, into: &changes)
        return changes
    }

    /// Stops originating `prefix`.
    public func withdrawLocal(_ prefix: Prefix) -> [BestPathChange<Prefix>] {
        var changes: [BestPathChange<Prefix>] = []
        withdraw([prefix], from: .local, into: &changes)
        return changes
    }

    // MARK: - Routes out

    /// The Loc-RIB's route for `prefix`.
    public func bestRoute(for prefix: Prefix) -> Route<Prefix>? {
        locRIB[prefix].map { route($0.best, for: prefix) }
    }

    /// Every Loc-RIB route, in no order; a snapshot, unaffected by later changes.
    public var bestRoutes: some Sequence<Route<Prefix>> {
        let table = attributeTable
        return locRIB.lazy.map { prefix, candidates in
            var route = Route(
                prefix: prefix, peer: candidates.best.peer,
                attributes: table[candidates.best.attributes])
            route.attributeIndex = candidates.best.attributes
            return route
        }
    }

    /// Every candidate route for `prefix`, in the decision process's order, best first.
    public func routes(for prefix: Prefix) -> [Route<Prefix>] {
        guard let candidates = locRIB[prefix] else { return [] }
        var remaining = candidates.paths
        var ordered: [Route<Prefix>] = []
        while !remaining.isEmpty {
            let best = bestPath(among: remaining)
            ordered.append(route(best, for: prefix))
            remaining.removeAll { $0 == best }
        }
        return ordered
    }

    /// The routes `peer` sent that passed import, sorted by prefix; for `PeerID.local`, the
    /// originated routes.
    public func adjRIBIn(of peer: PeerID) -> [Route<Prefix>] {
        guard peers[peer] != nil else { return [] }
        return prefixes(from: peer).sorted().compactMap { prefix in
            locRIB[prefix]?.path(from: peer).map { route($0, for: prefix) }
        }
    }

    /// The number of prefixes in `peer`'s Adj-RIB-In.
    public func prefixCount(from peer: PeerID) -> Int {
        peers[peer]?.prefixCount ?? 0
    }

    /// The number of prefixes in the Loc-RIB.
    public var prefixCount: Int { locRIB.count }

    /// The number of distinct attribute sets stored.
    var attributeSetCount: Int { attributeTable.count }

    // MARK: - Attribute sets shared with the Adj-RIB-Out tables

    /// The attribute set at a live `index`.
    func attributes(at index: AttributeIndex) -> PathAttributes {
        attributeTable[index]
    }

    /// The index of `route`'s attributes in this RIB, with a reference taken for the caller.
    /// The route's own index is used when it still holds those attributes (a change of a
    /// later UPDATE in the same batch may have freed it), else the set is interned.
    func referenceAttributes(of route: Route<Prefix>) -> AttributeIndex {
        if let index = route.attributeIndex, attributeTable.isLive(index),
            attributeTable[index] == route.attributes
        {
            attributeTable.retain(index)
            return index
        }
        return attributeTable.intern(route.attributes)
    }

    /// Takes one more reference on a live attribute set.
    func retainAttributes(_ index: AttributeIndex) {
        attributeTable.retain(index)
    }

    /// Gives back a reference taken with `referenceAttributes(of:)` or `retainAttributes`.
    func releaseAttributes(_ index: AttributeIndex) {
        attributeTable.release(index)
    }
}

// MARK: - Import and the decision process

extension RIB {
    /// The attributes a route from `peer` is stored with, or nil when it must be dropped.
    private func imported(_ attributes: PathAttributes, from peer: PeerInfo) -> PathAttributes? {
        guard !peer.isInternal else { return isReflectionLoop(attributes) ? nil : attributes }

        // RFC 4271 §9.1.2: a path through our own AS is a loop. §5.1.5: LOCAL_PREF is not
        // sent to external peers, so one received from them carries no meaning.
        guard !attributes.asPath.contains(localAS) else { return nil }
        // RFC 4456 §8: ORIGINATOR_ID and CLUSTER_LIST describe paths inside one AS, so an
        // external peer has no business sending them (RFC 7606 §7.9, §7.10: discard them).
        // Each is cleared only when present: a set without them stays shared, not copied.
        var stripped = attributes
        if stripped.localPreference != nil { stripped.localPreference = nil }
        if stripped.originatorID != nil { stripped.originatorID = nil }
        if !stripped.clusterList.isEmpty { stripped.clusterList = [] }
        return stripped
    }

    /// RFC 4456 §8: a route carrying our own router id as ORIGINATOR_ID, or, when we reflect,
    /// our cluster id in CLUSTER_LIST, has come back to us and is ignored.
    private func isReflectionLoop(_ attributes: PathAttributes) -> Bool {
        guard attributes.originatorID != routerID else { return true }
        guard let clusterID else { return false }
        return attributes.clusterList.contains(clusterID)
    }

    private func announce(
        _ prefixes: [Prefix], from peer: PeerID, attributes: PathAttributes,
        into changes: inout [BestPathChange<Prefix>]
    ) {
        let index = attributeTable.intern(attributes)
        var added = 0
        for prefix in prefixes {
            attributeTable.retain(index)
            let path = Path(peer: peer, attributes: index)
            changeCandidates(for: prefix, into: &changes) { candidates in
                let replaced = CandidateSet.insert(path, into: &candidates)
                if replaced == nil { added += 1 }
                return replaced
            }
        }
        peers[peer]?.prefixCount += added
        attributeTable.release(index)
    }

    private func withdraw(
        _ prefixes: [Prefix], from peer: PeerID, into changes: inout [BestPathChange<Prefix>]
    ) {
        var removed = 0
        for prefix in prefixes where locRIB[prefix]?.path(from: peer) != nil {
            removed += 1
            changeCandidates(for: prefix, into: &changes) { CandidateSet.remove(peer, from: &$0) }
        }
        peers[peer]?.prefixCount -= removed
    }

    /// Runs `change` on the candidates of `prefix`, reruns the decision process, and records
    /// a change when the best path differs. `change` returns the path it displaced, whose
    /// attributes are released only after the change was recorded.
    private func changeCandidates(
        for prefix: Prefix, into changes: inout [BestPathChange<Prefix>],
        _ change: (inout CandidateSet?) -> Path?
    ) {
        // In place: the set's array stays uniquely referenced, so it is never copied.
        let (previous, displaced, current) = modify(&locRIB[prefix]) { candidates in
            let previous = candidates?.best
            let displaced = change(&candidates)
            if let set = candidates, set.count > 1 { candidates?.promote(bestPath(of: set)) }
            return (previous, displaced, candidates?.best)
        }
        if previous != current {
            changes.append(
                BestPathChange(
                    prefix: prefix, previous: previous.map { route($0, for: prefix) },
                    current: current.map { route($0, for: prefix) }))
        }
        displaced.map { attributeTable.release($0.attributes) }
    }

    /// The prefixes `peer` has a path for (whose path passes `filter`): one pass over the
    /// Loc-RIB.
    private func prefixes(from peer: PeerID, where filter: (Path) -> Bool = { _ in true })
        -> [Prefix]
    {
        locRIB.compactMap { prefix, candidates in
            candidates.path(from: peer).flatMap { filter($0) ? prefix : nil }
        }
    }

    /// Runs `body` on `value` in place and returns what it returns.
    private func modify<Value, Result>(
        _ value: inout Value, _ body: (inout Value) -> Result
    ) -> Result {
        body(&value)
    }

    /// The path the decision process prefers in `set`; two paths (the common case of
    /// several peers) are compared directly, without arrays.
    private func bestPath(of set: CandidateSet) -> Path {
        guard let other = set.onlyOther else { return bestPath(among: set.paths) }
        return decisionProcess.preferred(candidate(set.best), candidate(other)).path
    }

    /// The path the decision process prefers among `paths`, which must not be empty.
    private func bestPath(among paths: [Path]) -> Path {
        guard paths.count > 1 else { return paths[0] }
        return decisionProcess.best(of: paths.map(candidate)).path
    }

    private func candidate(_ path: Path) -> Candidate {
        guard let peer = peers[path.peer]?.info else {
            preconditionFailure("candidate path from peer \(path.peer), which is not up")
        }
        return Candidate(path: path, attributes: attributeTable[path.attributes], peer: peer)
    }

    private func route(_ path: Path, for prefix: Prefix) -> Route<Prefix> {
        var route = Route(
            prefix: prefix, peer: path.peer, attributes: attributeTable[path.attributes])
        route.attributeIndex = path.attributes
        return route
    }
}
