import BGPWire
import RIB

/// Peers join the update group of their export profile when Established and leave it
/// when the session ends; a change of profile (a peer becoming a reflector client) moves
/// them, sending only the difference between what the two groups advertise.
extension Daemon {
    /// Bytes a member's socket may hold before it counts as slow and its changes are
    /// coalesced instead of written (see `UpdateGroup`).
    static let slowPeerThreshold = 1 << 20

    /// Puts an Established peer in its group and sends it the group's whole table.
    func joinUpdateGroup(_ peer: Peer, profile: ExportProfile) {
        let group = updateGroup(for: UpdateGroupKey(profile: profile, codec: peer.primary.codec))
        add(peer, to: group)
        // Joining at Established, before its first UPDATE: none of the table is its own.
        precondition(rib.prefixCount(from: peer.id) == 0, "peer joined a group holding routes")
        group.sendTable(toNewMember: peer)
    }

    func leaveUpdateGroup(_ peer: Peer) {
        guard let group = peer.group else { return }
        group.members[peer.id] = nil
        peer.group = nil
        peer.missedPrefixes = nil
        peer.staleRoutes = nil
        peer.primary.tcp?.onDrained = nil
        if group.members.isEmpty { updateGroups[group.key] = nil }
    }

    /// Moves `peer` to the group of its current profile, if that changed.
    func regroup(_ peer: Peer) {
        guard let old = peer.group, let info = rib.peer(peer.id) else { return }
        let key = UpdateGroupKey(
            profile: exportProfile(for: peer, info: info), codec: old.key.codec)
        guard key != old.key else { return }

        old.flush()
        old.catchUp(peer)
        leaveUpdateGroup(peer)
        let group = updateGroup(for: key)
        add(peer, to: group)
        group.sendPrivately(group.table.transition(from: old.table), to: peer)
        logger.info("peer moved to another update group", peer.logFields)
    }

    /// Makes `peer` a member once what the group had pending went to the others.
    private func add(_ peer: Peer, to group: UpdateGroup) {
        group.flush()
        group.members[peer.id] = peer
        peer.group = group
        peer.primary.tcp?.onDrained = { [weak peer] in
            guard let peer, let group = peer.group else { return }
            group.catchUp(peer)
        }
    }

    /// The group for `key`, made and filled from the RIB when it is the first of its kind.
    private func updateGroup(for key: UpdateGroupKey) -> UpdateGroup {
        if let group = updateGroups[key] { return group }
        let group = UpdateGroup(key: key, localAS: localAS, policy: exportPolicy)
        group.table.reconcile(with: rib)
        // No member yet: what is drained counts as sent, and each joiner is sent it.
        _ = group.table.drain()
        updateGroups[key] = group
        return group
    }

    /// Every group's table compared again with the RIB, after a change of the export
    /// rules themselves (pools, our cluster id).
    func reconcileUpdateGroups() {
        for group in updateGroups.values {
            group.table.policy = exportPolicy
            group.table.reconcile(with: rib)
        }
        scheduleFlush()
    }
}
