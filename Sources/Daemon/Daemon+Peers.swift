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
        // IPv4 unicast is every peer's, as before RFC 4760; IPv6 only when negotiated.
        join(peer, info, in: ipv4)
        if negotiated.families.contains(.ipv6Unicast) { join(peer, info, in: ipv6) }
    }

    /// Registers `peer` in the family's RIB and group, sends it the group's table and the
    /// family's End-of-RIB (RFC 4724 §2, harmless to peers without graceful restart).
    private func join<P>(_ peer: Peer, _ info: PeerInfo, in family: FamilyTables<P>) {
        family.rib.peerUp(info)
        joinUpdateGroup(peer, profile: exportProfile(for: peer, info: info), in: family)
        peer.send(.update(.endOfRIB(P.family)), on: peer.primary)
    }

    /// The export rules' view of `peer`: its kind, our addresses as next hop self (our
    /// address on its session, the node's IPv6 address), and the subnets it shares with us
    /// if it is one hop away: the session's, and the one of the node's IPv6 address, taken
    /// to be on the same link (sessions run over IPv4).
    func exportProfile(for peer: Peer, info: PeerInfo) -> ExportProfile {
        let localAddress = peer.primary.tcp.map { IPv4Address(rawValue: $0.localAddress.address) }
        let connected = localAddress.flatMap(Interfaces.connectedSubnet(of:))
        let subnet = connected?.contains(peer.address) == true ? connected : nil
        return ExportProfile(
            isInternal: info.isInternal, isReflectorClient: info.isReflectorClient,
            nextHopSelf: routerID, ipv6NextHopSelf: desired.ipv6Address, sharedSubnet: subnet,
            ipv6SharedSubnet: subnet == nil
                ? nil : desired.ipv6Address.flatMap(Interfaces.connectedSubnet(of:)),
            exportsEveryRoute: peer.exportsEveryRoute)
    }

    func peerDown(_ peer: Peer, reason: String) {
        peer.primary.tcp?.onDrained = nil
        leave(peer, in: ipv4)
        leave(peer, in: ipv6)
    }

    private func leave<P>(_ peer: Peer, in family: FamilyTables<P>) {
        guard family.contains(peer) else { return }
        leaveUpdateGroup(peer, in: family)
        apply(family.rib.peerDown(peer.id), in: family)
    }

    /// Hands one UPDATE to the RIB of each family the session carries: IPv4 in the NLRI
    /// fields with NEXT_HOP and in MP_REACH_NLRI, IPv6 in MP_REACH_NLRI (RFC 4760 §3). Routes
    /// of a family the session did not negotiate are ignored.
    func peer(_ peer: Peer, received update: UpdateMessage) {
        logDiscardedAttributes(update, from: peer)
        receive(update, from: peer, in: ipv4)
        if ipv6.contains(peer) {
            receive(update, from: peer, in: ipv6)
        } else if update.multiprotocolReach?.family == .ipv6Unicast
            || update.multiprotocolUnreach?.family == .ipv6Unicast
        {
            logger.warning("ipv6 routes on a session without ipv6, ignored", peer.logFields)
        }
    }

    /// One family's part of an UPDATE: withdrawals first, then each batch of announcements
    /// after the checks that turn them into withdrawals; then the family's prefix limit.
    private func receive<P>(
        _ update: UpdateMessage, from peer: Peer, in family: FamilyTables<P>
    ) {
        let withdrawn = P.withdrawn(in: update)
        let batches = P.announcements(in: update)
        guard !withdrawn.isEmpty || !batches.isEmpty else { return }
        if family.staleRoutes[peer.id] != nil {
            family.staleRoutes[peer.id]?.subtract(withdrawn)
            for batch in batches { family.staleRoutes[peer.id]?.subtract(batch.prefixes) }
        }
        var changes =
            withdrawn.isEmpty
            ? []
            : family.rib.update(
                from: peer.id, withdrawn: withdrawn, announced: [], attributes: PathAttributes())
        for (announced, attributes) in batches {
            let nextHop = P.nextHop(in: attributes).map(P.neutral)
            let accepted = isAcceptable(
                update, attributes, nextHop: nextHop, count: announced.count, from: peer)
            if accepted, let nextHop, !Self.isInstallable(nextHop) {
                logger.warning(
                    "next hop ipv4-mapped, routes kept but not installed",
                    peer.logFields.merging([.nextHop: nextHop, .count: announced.count]) { $1 })
            }
            changes += family.rib.update(
                from: peer.id, withdrawn: accepted ? [] : announced,
                announced: accepted ? announced : [], attributes: attributes)
        }
        apply(changes, in: family)
        checkPrefixLimit(of: peer, in: family)
    }

    /// Whether announcements with `attributes` may enter the RIB, or count as withdrawn.
    private func isAcceptable(
        _ update: UpdateMessage, _ attributes: PathAttributes, nextHop: IPAddress?, count: Int,
        from peer: Peer
    ) -> Bool {
        // Built only if a line is logged: this runs for every UPDATE.
        let fields = { peer.logFields.merging([.count: count]) { $1 } }
        // RFC 7606 §2: the UPDATE stands, its NLRI count as withdrawn.
        guard !update.treatAsWithdraw else {
            logger.warning("malformed attributes, treating as withdraw", fields())
            return false
        }
        if peer.autonomousSystem != localAS {
            guard isWellFormedExternalPath(attributes.asPath, from: peer, fields) else {
                return false
            }
        }
        guard isUsable(nextHop, fields) else { return false }
        // Our own route reflected back (ORIGINATOR_ID is us) is a normal sight with two
        // reflectors; the RIB drops it as a loop (RFC 4456 §8), with no warning.
        guard attributes.originatorID != routerID, let nextHop, isOwnAddress(nextHop, on: peer)
        else { return true }
        // RFC 4271 §6.3: a NEXT_HOP that is our own address is logged and the route
        // ignored, with no NOTIFICATION.
        logger.warning(
            "next hop is our own address, routes ignored",
            fields().merging([.nextHop: nextHop]) { $1 })
        return false
    }

    /// RFC 7606 §7.3 makes a NEXT_HOP that no router can have treat-as-withdraw; the one in
    /// MP_REACH_NLRI, whose length alone the decoder checks (RFC 7606 §7.11), is judged the
    /// same way here, IPv6 by RFC 2545 §3, which puts a global address first.
    private func isUsable(_ nextHop: IPAddress?, _ fields: () -> [LogKey: Any]) -> Bool {
        guard let nextHop, let reason = nextHop.unusableAsNextHop else { return true }
        logger.warning(
            "next hop is not a unicast address, treating as withdraw",
            fields().merging([.nextHop: nextHop, .reason: reason]) { $1 })
        return false
    }

    /// RFC 4271 §6.3: an external peer's AS_PATH starts with the peer's AS (checked, as the
    /// RFC allows, so an empty or foreign path cannot be passed on as if we originated it).
    /// RFC 5065 §5.3: confederation segments come only from inside our confederation, and
    /// Brindle is in none. Either is a malformed AS_PATH: treat-as-withdraw (RFC 7606 §7.2).
    private func isWellFormedExternalPath(
        _ path: ASPath, from peer: Peer, _ fields: () -> [LogKey: Any]
    ) -> Bool {
        guard !path.containsConfederationSegments else {
            logger.warning(
                "confederation path from an external peer, treating as withdraw", fields())
            return false
        }
        guard path.firstAutonomousSystem == peer.autonomousSystem else {
            logger.warning(
                "as_path does not start with the peer's as, treating as withdraw", fields())
            return false
        }
        return true
    }

    private func logDiscardedAttributes(_ update: UpdateMessage, from peer: Peer) {
        guard !update.discardedAttributes.isEmpty else { return }
        let types = update.discardedAttributes.map { "\($0.rawValue)" }.joined(separator: ",")
        logger.warning(
            "malformed attributes discarded", peer.logFields.merging([.type: types]) { $1 })
    }

    /// RFC 7313 §4: at a BoRR every route of the peer in `family` goes stale; each one it
    /// sends again (or withdraws) is fresh; at the EoRR the stale ones are withdrawn.
    func peer(_ peer: Peer, marked subtype: RouteRefreshSubtype, family: AddressFamily) {
        switch family {
        case .ipv4Unicast: mark(peer, subtype, in: ipv4)
        case .ipv6Unicast: mark(peer, subtype, in: ipv6)
        default: break
        }
    }

    private func mark<P>(_ peer: Peer, _ subtype: RouteRefreshSubtype, in family: FamilyTables<P>) {
        guard family.contains(peer) else { return }
        if subtype == .beginning {
            family.staleRoutes[peer.id] = Set(family.rib.adjRIBIn(of: peer.id).map(\.prefix))
            return
        }
        guard let stale = family.staleRoutes.removeValue(forKey: peer.id), !stale.isEmpty else {
            return
        }
        logger.info(
            "routes not sent again in a route refresh, withdrawn",
            peer.logFields.merging([.count: stale.count]) { $1 })
        apply(
            family.rib.update(
                from: peer.id, withdrawn: stale.sorted(), announced: [],
                attributes: PathAttributes()),
            in: family)
    }

    /// Ends the session of a peer whose Adj-RIB-In of `family` now holds more prefixes than
    /// its limit, which applies to each family alone, on the UPDATE that crossed it (RFC 4486
    /// §4). Its routes leave the RIBs at once, this UPDATE's among them; the kernel and the
    /// other peers are written only at the next flush, so this UPDATE's new prefixes never
    /// reach them.
    private func checkPrefixLimit<P>(of peer: Peer, in family: FamilyTables<P>) {
        guard let limit = peer.maxPrefixes, peer.isEstablished else { return }
        let count = family.rib.prefixCount(from: peer.id)
        guard count > limit else { return }
        logger.warning(
            "prefix limit exceeded, closing the session",
            peer.logFields.merging([.count: count, .limit: limit, .family: "\(P.family)"]) { $1 })
        peer.stopAtPrefixLimit(limit, family: P.family)
    }

    /// Whether `address` is ours: the router ID, this session's local address, or the
    /// node's IPv6 address.
    private func isOwnAddress(_ address: IPAddress, on peer: Peer) -> Bool {
        switch address {
        case .v4(let address):
            let local = peer.primary.tcp.map { IPv4Address(rawValue: $0.localAddress.address) }
            return address == routerID || address == local
        case .v6(let address):
            return address == desired.ipv6Address
        }
    }

    /// Re-sends the whole table on ROUTE-REFRESH (RFC 2918 §4), between `markers`, a BoRR
    /// and an EoRR, for a peer with enhanced route refresh (RFC 7313 §4).
    func peerRequestedRefresh(
        _ peer: Peer, family: AddressFamily, markers: (beginning: Message, end: Message)?
    ) {
        logger.info(
            "route refresh requested", peer.logFields.merging([.family: "\(family)"]) { $1 })
        switch family {
        case .ipv4Unicast: ipv4.groupOf[peer.id]?.resend(to: peer, between: markers)
        case .ipv6Unicast: ipv6.groupOf[peer.id]?.resend(to: peer, between: markers)
        default: break
        }
    }

    /// What every peer may be sent: routes inside the store's pools.
    var exportPolicy: ExportPolicy {
        ExportPolicy(allowedPrefixes: desired.pools)
    }
}
