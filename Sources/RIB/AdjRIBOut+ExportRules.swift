import BGPWire

/// The export rules, applied per best route to the group's `profile`.
///
/// Which routes go out: only prefixes inside the policy's pools, unless the profile exports
/// every route; NO_ADVERTISE to no peer and
/// NO_EXPORT to no external peer (RFC 1997); routes we originate and routes learned from
/// external peers to every peer. A route learned from an internal peer goes to every external
/// peer, but to internal peers only when we reflect (the RIB has a cluster id, RFC 4456 §6):
/// from a client to every internal peer, from a non-client to clients only. Without reflection
/// internal peers form a full mesh and each hears from the source itself (RFC 4271 §9.2).
///
/// With which attributes:
/// - To external peers: our AS prepended, LOCAL_PREF removed, MED too unless we originated
///   the route (RFC 4271 §5.1.4); the next hop set to the family's next hop self, except
///   that a route learned from an internal peer keeps its next hop when that lies in the
///   profile's shared subnet (the third-party next hop of §5.1.3).
/// - To internal peers, not reflected: the next hop set to next hop self, LOCAL_PREF set, 100
///   unless the route has one (§5.1.5).
/// - Reflected: NEXT_HOP, AS_PATH, LOCAL_PREF and MED unchanged (RFC 4456 §10), LOCAL_PREF 100
///   added only when missing; ORIGINATOR_ID set to the source peer's BGP identifier unless the
///   route has one, our cluster id prepended to CLUSTER_LIST (§8).
///
/// A family without a next hop self in the profile (IPv6 on a node with no IPv6 address)
/// sends only reflected routes, which keep theirs.
///
/// ORIGINATOR_ID and CLUSTER_LIST are sent only on reflected routes. Unrecognized
/// non-transitive attributes are dropped, transitive ones passed on marked Partial (RFC 4271
/// §5). Extended and large communities (RFC 4360, RFC 8092) pass on unchanged.
extension AdjRIBOut {
    /// Whether the group may be sent `prefix` at all: inside the pools, or every route.
    func permits(_ prefix: Prefix) -> Bool {
        profile.exportsEveryRoute || policy.permits(prefix.neutral)
    }

    /// Whether a route with `original` attributes from `peer`, whose prefix `permits`, goes
    /// to the group at all: `exported` is not nil, found without building the attributes.
    func exports(_ original: PathAttributes, from peer: PeerID) -> Bool {
        guard let source = rib.peer(peer), communitiesPermit(original.communities) else {
            return false
        }
        guard profile.isInternal else { return nextHop(for: original, from: source) != nil }
        guard source.isInternal else { return Prefix.nextHopSelf(in: profile) != nil }
        return rib.clusterID != nil && (source.isReflectorClient || profile.isReflectorClient)
    }

    /// The attributes a route with `original` attributes from `peer`, whose prefix
    /// `permits`, goes to the group with, or nil when the export rules hold it. They depend
    /// only on those two (and the RIB's cluster id), never on the prefix.
    func exported(
        _ original: PathAttributes, from peer: PeerID
    ) -> PathAttributes? {
        guard let source = rib.peer(peer), communitiesPermit(original.communities)
        else { return nil }

        var attributes = original
        if peer != .local { attributes.unrecognized = passedOn(attributes.unrecognized) }
        guard profile.isInternal else {
            return toExternal(attributes, of: original, from: source)
        }
        guard source.isInternal else { return toInternal(attributes) }

        guard let clusterID = rib.clusterID, source.isReflectorClient || profile.isReflectorClient
        else { return nil }
        return reflected(attributes, from: source, clusterID: clusterID)
    }

    /// RFC 1997: NO_ADVERTISE goes to no peer, NO_EXPORT stays inside our AS.
    private func communitiesPermit(_ communities: [Community]) -> Bool {
        guard !communities.contains(.noAdvertise) else { return false }
        return profile.isInternal || !communities.contains(.noExport)
    }

    private func toExternal(
        _ attributes: PathAttributes, of original: PathAttributes, from source: PeerInfo
    ) -> PathAttributes? {
        guard let nextHop = nextHop(for: original, from: source) else { return nil }
        var exported = attributes
        Prefix.setNextHop(nextHop, in: &exported)
        exported.asPath = exported.asPath.prepending(localAS)
        exported.localPreference = nil
        if source.id != .local { exported.multiExitDiscriminator = nil }
        clearReflectionAttributes(&exported)
        return exported
    }

    /// A route we originate or learned from an external peer, towards internal peers.
    private func toInternal(_ attributes: PathAttributes) -> PathAttributes? {
        guard let nextHopSelf = Prefix.nextHopSelf(in: profile) else { return nil }
        var exported = attributes
        Prefix.setNextHop(nextHopSelf, in: &exported)
        exported.localPreference = localPreference(of: attributes)
        clearReflectionAttributes(&exported)
        return exported
    }

    /// RFC 4456 §8, §10: a reflector changes only ORIGINATOR_ID and CLUSTER_LIST. ORIGINATOR_ID
    /// names the router that put the route into the AS, so an existing one is kept.
    private func reflected(
        _ attributes: PathAttributes, from source: PeerInfo, clusterID: IPv4Address
    ) -> PathAttributes {
        var exported = attributes
        exported.localPreference = localPreference(of: attributes)
        exported.originatorID = attributes.originatorID ?? source.bgpIdentifier
        exported.clusterList = [clusterID] + attributes.clusterList
        return exported
    }

    /// RFC 4271 §5.1.5: LOCAL_PREF goes in every UPDATE to an internal peer.
    private func localPreference(of attributes: PathAttributes) -> UInt32 {
        attributes.localPreference ?? DecisionProcess.defaultLocalPreference
    }

    /// Next hop self, or the route's own next hop as RFC 4271 §5.1.3 (2) allows; nil when
    /// the family has no next hop self (a node without an IPv6 address).
    private func nextHop(
        for attributes: PathAttributes, from source: PeerInfo
    ) -> Prefix.Address? {
        guard source.id != .local, source.isInternal,
            let original = Prefix.nextHop(in: attributes),
            let sharedSubnet = Prefix.sharedSubnet(in: profile), sharedSubnet.contains(original)
        else { return Prefix.nextHopSelf(in: profile) }
        return original
    }

    /// RFC 4456 §8: ORIGINATOR_ID and CLUSTER_LIST are non-transitive and describe reflection
    /// inside our AS, so a route that is not reflected goes without them.
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
