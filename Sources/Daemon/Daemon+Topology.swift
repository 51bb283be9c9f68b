import BGPWire
import Foundation
import RIB
import Session

/// Changing the cluster's iBGP topology under running sessions without losing a route.
///
/// Make before break: when the node mesh goes off (or on), the sessions the new topology
/// wants come up at once, and the ones it no longer wants drain. A draining session stays
/// until every route whose best path it carries has another path through a session that
/// stays, and has had one for `drainSettleTime`, so the peer at the other end, which waits
/// for the same reflected routes, is ready too; then it closes with Cease "peer
/// de-configured". After `drainTimeLimit` it closes anyway, with a warning.
///
/// Reflection follows the store at once when it grows (a node becomes a reflector, a peer
/// a client) and after `reflectionGraceTime` when it shrinks: a reflector keeps reflecting
/// for a while after the mesh comes back on, while the clients' new mesh sessions come up.
extension Daemon {
    static let drainSettleTime = 2.0
    static let drainTimeLimit = 60.0
    static let reflectionGraceTime = 10.0

    // MARK: - Draining

    /// Starts replacing `peer`; one that is not Established carries nothing and goes now.
    func drain(_ peer: Peer) {
        guard peer.drainingSince == nil else { return }
        guard peer.isEstablished else { return removePeer(peer.address) }
        peer.drainingSince = Date().timeIntervalSince1970
        logger.info("peer draining, it closes once its routes have other paths", peer.logFields)
        scheduleDrainCheck()
    }

    /// A draining peer the store wants again keeps its session.
    func keep(_ peer: Peer) {
        peer.drainingSince = nil
        peer.drainReadySince = nil
        logger.info("peer wanted again, no longer draining", peer.logFields)
    }

    private func scheduleDrainCheck() {
        guard !drainCheckScheduled else { return }
        drainCheckScheduled = true
        loop.schedule(after: 0.5) { [weak self] in self?.checkDrainingPeers() }
    }

    private func checkDrainingPeers() {
        drainCheckScheduled = false
        let now = Date().timeIntervalSince1970
        for peer in peers.values.sorted(by: { $0.address < $1.address }) {
            guard let since = peer.drainingSince else { continue }
            if hasOtherPaths(peer) {
                peer.drainReadySince = peer.drainReadySince ?? now
            } else {
                peer.drainReadySince = nil
            }
            if let ready = peer.drainReadySince, now - ready >= Self.drainSettleTime {
                logger.info("drained peer closed, its routes have other paths", peer.logFields)
                removePeer(peer.address)
            } else if !peer.isEstablished || now - since >= Self.drainTimeLimit {
                logger.warning(
                    "draining peer closed before every route had another path",
                    peer.logFields.merging([.seconds: Int(now - since)]) { $1 })
                removePeer(peer.address)
            }
        }
        if peers.values.contains(where: { $0.drainingSince != nil }) { scheduleDrainCheck() }
    }

    /// Whether every prefix of either family whose best path is `peer`'s has a path from a
    /// peer that stays (or is our own).
    private func hasOtherPaths(_ peer: Peer) -> Bool {
        hasOtherPaths(peer, in: ipv4.rib) && hasOtherPaths(peer, in: ipv6.rib)
    }

    private func hasOtherPaths<P>(_ peer: Peer, in rib: RIB<P>) -> Bool {
        for route in rib.adjRIBIn(of: peer.id)
        where rib.bestRoute(for: route.prefix)?.peer == peer.id {
            let others = rib.routes(for: route.prefix).dropFirst()
            guard others.contains(where: { isStaying($0.peer) }) else { return false }
        }
        return true
    }

    private func isStaying(_ id: PeerID) -> Bool {
        guard id != .local else { return true }
        return peersByID[id].map { $0.drainingSince == nil } ?? false
    }

    // MARK: - Reflection roles

    /// Whether we reflect routes to and from `peer` as our client now (RFC 4456), as the
    /// RIB knows it: it follows `wantsReflection` at once when the peer becomes a client,
    /// after the grace time when it stops.
    func isReflectorClient(_ peer: Peer) -> Bool {
        ipv4.rib.peer(peer.id)?.isReflectorClient ?? false
    }

    /// Whether we should reflect for `peer` as our client (RFC 4456): we are a reflector
    /// and it is a client node, or an internal peer from a listen range.
    func wantsReflection(_ peer: Peer) -> Bool {
        guard ipv4.rib.clusterID != nil else { return false }
        if peer.type == .rrClient { return true }
        return peer.type == .dynamic && peer.autonomousSystem == localAS
    }

    /// Brings our cluster id and every peer's client flag in line with the store; without
    /// `allowingDowngrade` only additions are made, and removals wait for the grace time.
    func applyReflectionRoles(allowingDowngrade: Bool) {
        let wanted = desired.clusterID
        let clusterChanged =
            ipv4.rib.clusterID != wanted && (wanted != nil || allowingDowngrade)
        if clusterChanged {
            logger.notice(
                wanted == nil ? "route reflection stopped" : "route reflection started",
                [.clusterID: wanted.map { "\($0)" } ?? "-"])
            let previous = ipv4.rib.clusterID
            ipv4.rib.clusterID = wanted
            ipv6.rib.clusterID = wanted
            reconcileUpdateGroups(resending: true)
            clusterIDChanged(from: previous)
        }
        var downgradeWaiting = ipv4.rib.clusterID != wanted
        for peer in peers.values.sorted(by: { $0.address < $1.address }) where peer.isEstablished {
            let client = wantsReflection(peer)
            guard client != isReflectorClient(peer) else { continue }
            guard client || allowingDowngrade else {
                downgradeWaiting = true
                continue
            }
            setReflectorClient(peer, client)
        }
        if downgradeWaiting { scheduleReflectionGrace() }
    }

    private func setReflectorClient(_ peer: Peer, _ client: Bool) {
        guard ipv4.rib.peer(peer.id) != nil else { return }
        logger.info(
            client ? "peer is now a reflector client" : "peer is no longer a reflector client",
            peer.logFields)
        setReflectorClient(peer, client, in: ipv4)
        setReflectorClient(peer, client, in: ipv6)
        regroup(peer)
        scheduleFlush()
    }

    private func setReflectorClient<P>(_ peer: Peer, _ client: Bool, in family: FamilyTables<P>) {
        guard var info = family.rib.peer(peer.id) else { return }
        info.isReflectorClient = client
        family.rib.updatePeer(info)
        // The peer's own routes are now (or no longer) reflected to the others.
        let changes = family.rib.adjRIBIn(of: peer.id).map { route in
            BestPathChange(
                prefix: route.prefix, previous: nil,
                current: family.rib.bestRoute(for: route.prefix))
        }
        for group in family.groups.values { group.table.apply(changes) }
    }

    /// Routes held under the old cluster id are checked again (RFC 4456 §8): those our new
    /// id loops are dropped, and internal peers are asked for their routes again (RFC 2918),
    /// since some dropped as loops under the old id may be good now.
    private func clusterIDChanged(from previous: IPv4Address?) {
        if ipv4.rib.clusterID != nil {
            apply(ipv4.rib.dropReflectionLoops(), in: ipv4)
            apply(ipv6.rib.dropReflectionLoops(), in: ipv6)
        }
        guard previous != nil else { return }
        for peer in peers.values where peer.isEstablished && peer.canRefresh {
            guard peer.autonomousSystem == localAS else { continue }
            peer.send(.routeRefresh(RouteRefreshMessage(family: .ipv4Unicast)), on: peer.primary)
            guard ipv6.contains(peer) else { continue }
            peer.send(.routeRefresh(RouteRefreshMessage(family: .ipv6Unicast)), on: peer.primary)
        }
    }

    private func scheduleReflectionGrace() {
        guard !reflectionGraceScheduled else { return }
        reflectionGraceScheduled = true
        logger.info(
            "route reflection shrinks after a grace time",
            [.seconds: Int(Self.reflectionGraceTime)])
        loop.schedule(after: Self.reflectionGraceTime) { [weak self] in
            self?.reflectionGraceScheduled = false
            self?.applyReflectionRoles(allowingDowngrade: true)
        }
    }
}
