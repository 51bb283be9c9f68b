import BGPWire
import RIB

/// Peers join the update group of their export profile, one per family they negotiated, when
/// Established and leave it when the session ends; a change of profile (a peer becoming a
/// reflector client) moves them, sending only the difference between what the two groups
/// advertise.
extension Daemon {
    /// Bytes a member's socket may hold before it counts as slow and its changes are
    /// coalesced instead of written (see `UpdateGroup`).
    static let slowPeerThreshold = 1 << 20

    /// Puts an Established peer in its group of `family` and sends it the group's table.
    func joinUpdateGroup<P>(_ peer: Peer, profile: ExportProfile, in family: FamilyTables<P>) {
        let key = UpdateGroupKey(profile: profile, codec: peer.primary.codec)
        let group = updateGroup(for: key, in: family)
        add(peer, to: group, in: family)
        // Joining at Established, before its first UPDATE: none of the table is its own.
        precondition(
            family.rib.prefixCount(from: peer.id) == 0, "peer joined a group holding routes")
        group.sendTable(toNewMember: peer)
    }

    func leaveUpdateGroup<P>(_ peer: Peer, in family: FamilyTables<P>) {
        guard let group = family.groupOf.removeValue(forKey: peer.id) else { return }
        group.remove(peer)
        family.staleRoutes[peer.id] = nil
        if group.members.isEmpty { family.groups[group.key] = nil }
    }

    /// Moves `peer` to the groups of its current profile, where that changed.
    func regroup(_ peer: Peer) {
        regroup(peer, in: ipv4)
        regroup(peer, in: ipv6)
    }

    private func regroup<P>(_ peer: Peer, in family: FamilyTables<P>) {
        guard let old = family.groupOf[peer.id], let info = family.rib.peer(peer.id) else {
            return
        }
        let key = UpdateGroupKey(
            profile: exportProfile(for: peer, info: info), codec: old.key.codec)
        guard key != old.key else { return }

        old.flush()
        old.catchUp(peer)
        leaveUpdateGroup(peer, in: family)
        let group = updateGroup(for: key, in: family)
        add(peer, to: group, in: family)
        group.sendPrivately(group.table.transition(from: old.table), to: peer)
        logger.info("peer moved to another update group", peer.logFields)
    }

    private func add<P>(_ peer: Peer, to group: UpdateGroup<P>, in family: FamilyTables<P>) {
        group.add(peer)
        family.groupOf[peer.id] = group
        peer.primary.tcp?.onDrained = { [weak self, weak peer] in
            guard let self, let peer else { return }
            self.ipv4.groupOf[peer.id]?.catchUp(peer)
            self.ipv6.groupOf[peer.id]?.catchUp(peer)
            // What stayed pending while every member was held back.
            self.scheduleFlush()
        }
    }

    /// The group for `key`, made and filled from the RIB when it is the first of its kind.
    private func updateGroup<P>(
        for key: UpdateGroupKey, in family: FamilyTables<P>
    ) -> UpdateGroup<P> {
        if let group = family.groups[key] { return group }
        let group = UpdateGroup<P>(
            key: key, localAS: localAS, policy: exportPolicy, rib: family.rib)
        group.table.reconcile()
        // No member yet: what is drained counts as sent, and each joiner is sent it.
        _ = group.table.drain()
        family.groups[key] = group
        return group
    }

    /// Every group's table compared again with the RIB, after a change of the export
    /// rules themselves (pools, our cluster id); `resending` every route when the attributes
    /// sent for the same routes change (a new cluster id).
    func reconcileUpdateGroups(resending: Bool = false) {
        reconcileUpdateGroups(in: ipv4, resending: resending)
        reconcileUpdateGroups(in: ipv6, resending: resending)
        scheduleFlush()
    }

    private func reconcileUpdateGroups<P>(in family: FamilyTables<P>, resending: Bool) {
        for group in family.groups.values {
            group.table.policy = exportPolicy
            group.table.reconcile(resending: resending)
        }
    }
}
