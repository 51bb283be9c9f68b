import BGPWire
import Kernel
import RIB
import Session

/// Peers come and go with the store; their sessions feed the RIB.
extension Daemon {
    func addPeer(_ address: IPv4Address, _ desiredPeer: DesiredPeer) {
        let id = PeerID(rawValue: nextPeerID)
        nextPeerID += 1
        let peer = Peer(
            daemon: self, id: id, address: address, desired: desiredPeer,
            configuration: sessionConfiguration(for: desiredPeer))
        peers[address] = peer
        peersByID[id] = peer
        logger.info("peer added", peer.logFields)
        peer.start()
    }

    /// Closes the session with Cease "peer de-configured" (RFC 4486 subcode 3).
    func removePeer(_ address: IPv4Address, ceaseSubcode: UInt8 = CeaseSubcode.peerDeconfigured) {
        guard let peer = peers.removeValue(forKey: address) else { return }
        logger.info("peer removed", peer.logFields)
        peer.stop(ceaseSubcode: ceaseSubcode)
        if peer.isEstablished { peerDown(peer, reason: "peer removed") }
        peersByID[peer.id] = nil
    }

    func sessionConfiguration(for peer: DesiredPeer) -> SessionConfiguration {
        var session = SessionConfiguration(
            localAS: localAS, peerAS: peer.autonomousSystem, localIdentifier: routerID)
        session.holdTime = configuration.holdTime
        session.connectRetryTime = configuration.connectRetryTime
        session.passive = peer.passive
        return session
    }

    func peerEstablished(_ peer: Peer, negotiated: NegotiatedSession) {
        guard !peer.isEstablished else {
            logger.error("session established twice, ignoring the second", peer.logFields)
            return
        }
        peer.canRefresh = negotiated.routeRefresh
        let info = PeerInfo(
            id: peer.id, address: peer.address, autonomousSystem: negotiated.peerAS,
            bgpIdentifier: negotiated.peerIdentifier, localAS: localAS,
            isReflectorClient: wantsReflection(peer))
        rib.peerUp(info)
        joinUpdateGroup(peer, profile: exportProfile(for: peer, info: info))
        // End-of-RIB after the initial table (RFC 4724 §2), harmless to peers without GR.
        peer.send(.update(UpdateMessage()), on: peer.primary)
    }

    /// The export rules' view of `peer`: its kind, our address on its session as next
    /// hop self, and the subnet it shares with us if it is one hop away.
    func exportProfile(for peer: Peer, info: PeerInfo) -> ExportProfile {
        let localAddress = peer.primary.tcp.map { IPv4Address(rawValue: $0.localAddress.address) }
        let subnet = localAddress.flatMap(Interfaces.connectedSubnet(of:))
        return ExportProfile(
            isInternal: info.isInternal, isReflectorClient: info.isReflectorClient,
            nextHopSelf: routerID,
            sharedSubnet: subnet?.contains(peer.address) == true ? subnet : nil)
    }

    func peerDown(_ peer: Peer, reason: String) {
        leaveUpdateGroup(peer)
        apply(rib.peerDown(peer.id))
    }

    /// Hands one UPDATE to the RIB: its withdrawals, its NLRI with NEXT_HOP, and IPv4
    /// unicast in MP_REACH_NLRI with that attribute's next hop (RFC 4760 §3), each after the
    /// checks that turn announcements into withdrawals.
    func peer(_ peer: Peer, received update: UpdateMessage) {
        logDiscardedAttributes(update, from: peer)
        if peer.staleRoutes != nil { refresh(update, from: peer) }
        let withdrawn = update.withdrawnRoutes + (update.multiprotocolUnreach?.withdrawn.ipv4 ?? [])
        var batches = [(update.nlri, update.pathAttributes)]
        if let reach = update.multiprotocolReach, case .ipv4(let nextHop) = reach.nextHop {
            var attributes = update.pathAttributes
            attributes.nextHop = nextHop
            batches.append((reach.nlri.ipv4, attributes))
        }

        var changes =
            withdrawn.isEmpty
            ? []
            : rib.update(
                from: peer.id, withdrawn: withdrawn, announced: [], attributes: PathAttributes())
        for (announced, attributes) in batches where !announced.isEmpty {
            let accepted = isAcceptable(update, attributes, count: announced.count, from: peer)
            changes += rib.update(
                from: peer.id, withdrawn: accepted ? [] : announced,
                announced: accepted ? announced : [], attributes: attributes)
        }
        apply(changes)
        checkPrefixLimit(of: peer)
    }

    /// Whether announcements with `attributes` may enter the RIB, or count as withdrawn.
    private func isAcceptable(
        _ update: UpdateMessage, _ attributes: PathAttributes, count: Int, from peer: Peer
    ) -> Bool {
        let fields = peer.logFields.merging([.count: count]) { $1 }
        // RFC 7606 §2: the UPDATE stands, its NLRI count as withdrawn.
        guard !update.treatAsWithdraw else {
            logger.warning("malformed attributes, treating as withdraw", fields)
            return false
        }
        if peer.autonomousSystem != localAS {
            guard isWellFormedExternalPath(attributes.asPath, from: peer, fields) else {
                return false
            }
        }
        // Our own route reflected back (ORIGINATOR_ID is us) is a normal sight with two
        // reflectors; the RIB drops it as a loop (RFC 4456 §8), with no warning.
        guard attributes.originatorID != routerID, let nextHop = attributes.nextHop,
            isOwnAddress(nextHop, on: peer)
        else { return true }
        // RFC 4271 §6.3: a NEXT_HOP that is our own address is logged and the route
        // ignored, with no NOTIFICATION.
        logger.warning(
            "next hop is our own address, routes ignored",
            fields.merging([.nextHop: nextHop]) { $1 })
        return false
    }

    /// RFC 4271 §6.3: an external peer's AS_PATH starts with the peer's AS (checked, as the
    /// RFC allows, so an empty or foreign path cannot be passed on as if we originated it).
    /// RFC 5065 §5.3: confederation segments come only from inside our confederation, and
    /// Brindle is in none. Either is a malformed AS_PATH: treat-as-withdraw (RFC 7606 §7.2).
    private func isWellFormedExternalPath(
        _ path: ASPath, from peer: Peer, _ fields: [LogKey: Any]
    ) -> Bool {
        guard !path.containsConfederationSegments else {
            logger.warning("confederation path from an external peer, treating as withdraw", fields)
            return false
        }
        guard path.firstAutonomousSystem == peer.autonomousSystem else {
            logger.warning(
                "as_path does not start with the peer's as, treating as withdraw", fields)
            return false
        }
        return true
    }

    /// Whatever an UPDATE names during a re-advertisement is no longer stale.
    private func refresh(_ update: UpdateMessage, from peer: Peer) {
        for prefixes in [
            update.withdrawnRoutes, update.nlri, update.multiprotocolReach?.nlri.ipv4 ?? [],
            update.multiprotocolUnreach?.withdrawn.ipv4 ?? [],
        ] {
            peer.staleRoutes?.subtract(prefixes)
        }
    }

    private func logDiscardedAttributes(_ update: UpdateMessage, from peer: Peer) {
        guard !update.discardedAttributes.isEmpty else { return }
        let types = update.discardedAttributes.map { "\($0.rawValue)" }.joined(separator: ",")
        logger.warning(
            "malformed attributes discarded", peer.logFields.merging([.type: types]) { $1 })
    }

    /// RFC 7313 §4: at a BoRR every route of the peer goes stale; each one it sends again
    /// (or withdraws) is fresh; at the EoRR the stale ones are withdrawn.
    func peer(_ peer: Peer, marked subtype: RouteRefreshSubtype) {
        if subtype == .beginning {
            peer.staleRoutes = Set(rib.adjRIBIn(of: peer.id).map(\.prefix))
            return
        }
        guard let stale = peer.staleRoutes else { return }
        peer.staleRoutes = nil
        guard !stale.isEmpty else { return }
        logger.info(
            "routes not sent again in a route refresh, withdrawn",
            peer.logFields.merging([.count: stale.count]) { $1 })
        apply(
            rib.update(
                from: peer.id, withdrawn: stale.sorted(), announced: [],
                attributes: PathAttributes()))
    }

    /// Ends the session of a peer whose Adj-RIB-In now holds more prefixes than its limit,
    /// on the UPDATE that crossed it (RFC 4486 §4). Its routes leave the RIB at once, this
    /// UPDATE's among them; the kernel and the other peers are written only at the next
    /// flush, so this UPDATE's new prefixes never reach them.
    private func checkPrefixLimit(of peer: Peer) {
        guard let limit = peer.maxPrefixes else { return }
        let count = rib.prefixCount(from: peer.id)
        guard count > limit else { return }
        logger.warning(
            "prefix limit exceeded, closing the session",
            peer.logFields.merging([.count: count, .limit: limit]) { $1 })
        peer.stopAtPrefixLimit(limit)
    }

    /// Whether `address` is ours: the router ID or this session's local address.
    private func isOwnAddress(_ address: IPv4Address, on peer: Peer) -> Bool {
        let local = peer.primary.tcp.map { IPv4Address(rawValue: $0.localAddress.address) }
        return address == routerID || address == local
    }

    /// Re-sends the whole table on ROUTE-REFRESH (RFC 2918 §4), between `markers`, a BoRR
    /// and an EoRR, for a peer with enhanced route refresh (RFC 7313 §4).
    func peerRequestedRefresh(_ peer: Peer, markers: (beginning: Message, end: Message)?) {
        guard let group = peer.group else { return }
        logger.info("route refresh requested", peer.logFields)
        group.resend(to: peer, between: markers)
    }

    /// What every peer may be sent: routes inside the store's pools.
    var exportPolicy: ExportPolicy {
        ExportPolicy(allowedPrefixes: desired.pools)
    }
}
