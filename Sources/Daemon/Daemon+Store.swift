import BGPWire
import EventLoop
import Foundation
import RIB
import Session
import Store

/// Watching the store and converging on what it says.
///
/// inotify on the store's folder reports every write to the database or its
/// write-ahead log within milliseconds; the daemon then reads a snapshot and,
/// if the store's generation moved, converges: new peers get sessions, removed
/// ones a Cease, new container addresses are advertised, removed ones withdrawn.
extension Daemon {
    func watchStore() throws {
        let url = URL(fileURLWithPath: configuration.storePath)
        let folder = url.deletingLastPathComponent().path
        let name = url.lastPathComponent
        storeWatcher = try DirectoryWatcher(loop: loop, directory: folder) {
            [weak self] names in
            guard names.contains(where: { $0.hasPrefix(name) }) else { return }
            self?.scheduleReload()
        }
    }

    /// Reads the store at the next turn of the loop, so that a writer which has committed
    /// and closed it (brindlectl) is seen at once, and again 2 ms later: a writer's first
    /// WAL writes come before its commit can be read, and one that keeps the store open
    /// gives no event after it. Events in between are coalesced into those two reads, and
    /// a read that finds the generation unchanged stops there.
    private func scheduleReload() {
        if !reloadScheduled {
            reloadScheduled = true
            loop.schedule(after: 0) { [weak self] in
                self?.reloadScheduled = false
                self?.reloadStore(force: false)
            }
        }
        guard !lateReloadScheduled else { return }
        lateReloadScheduled = true
        loop.schedule(after: 0.002) { [weak self] in
            self?.lateReloadScheduled = false
            self?.reloadStore(force: false)
        }
    }

    /// Reads the store and converges; a store that cannot be read leaves the
    /// daemon as it was, with an error logged.
    func reloadStore(force: Bool) {
        guard !isShuttingDown else { return }
        // One query first: most reads find nothing new.
        if !force, let generation = try? store.generation(), generation == desired.generation {
            return
        }
        let snapshot: ClusterSnapshot
        do { snapshot = try store.snapshot() } catch {
            logger.error("store unreadable, keeping the current state", [.error: error])
            return
        }
        guard force || snapshot.generation != desired.generation else { return }
        guard let next = DesiredState(snapshot: snapshot, node: configuration.node) else {
            logger.error(
                "this node was removed from the store, keeping the current state",
                [.node: configuration.node])
            return
        }
        logger.info("store changed", [.generation: snapshot.generation])
        converge(to: next)
    }

    func converge(to next: DesiredState) {
        let previous = desired
        if next.autonomousSystem != previous.autonomousSystem || next.routerID != previous.routerID
        {
            restart(with: next)
            return
        }
        desired = next
        if next.pools != previous.pools { reconcileUpdateGroups() }
        if next.ipv6Address != previous.ipv6Address {
            logger.notice(
                "ipv6 next hop changed", [.nextHop: next.ipv6Address.map { "\($0)" } ?? "-"])
            for peer in peers.values where peer.isEstablished { regroup(peer) }
        }
        convergePeers(to: next.peers)
        convergeLocalRoutes(from: previous.localRoutes, to: next.localRoutes)
    }

    /// Brings the sessions in line with `next`. A session that only a topology change
    /// removes (mesh off, say, while the node is still in the cluster) drains: it stays
    /// until every route it gave has another path. Dynamic peers stay while their listen
    /// range does and no peer entry claims their address.
    private func convergePeers(to next: [IPv4Address: DesiredPeer]) {
        for (address, peer) in peers.sorted(by: { $0.key < $1.key }) {
            if let range = peer.listenRange {
                convergeDynamicPeer(peer, from: range, wanted: next[address])
                continue
            }
            guard let wanted = next[address] else {
                if peer.type.isNodeTopology, desired.nodeAddresses.contains(address) {
                    drain(peer)
                } else {
                    removePeer(address)
                }
                continue
            }
            guard peer.matches(wanted) else {
                removePeer(address, ceaseSubcode: CeaseSubcode.otherConfigurationChange)
                continue
            }
            if peer.drainingSince != nil { keep(peer) }
            peer.type = wanted.type
        }
        for (address, peer) in next.sorted(by: { $0.key < $1.key }) where peers[address] == nil {
            addPeer(address, peer)
        }
        applyReflectionRoles(allowingDowngrade: false)
    }

    /// A dynamic peer goes when a peer entry claims its address or its range goes, and
    /// restarts when its range's AS changed, as a configured peer's AS change does.
    private func convergeDynamicPeer(_ peer: Peer, from range: IPv4Prefix, wanted: DesiredPeer?) {
        guard wanted == nil, let current = desired.listenRanges.first(where: { $0.prefix == range })
        else { return removePeer(peer.address) }
        guard current.asNumber == peer.autonomousSystem else {
            return removePeer(peer.address, ceaseSubcode: CeaseSubcode.otherConfigurationChange)
        }
    }

    private func convergeLocalRoutes(
        from previous: [IPPrefix: String], to next: [IPPrefix: String]
    ) {
        convergeLocalRoutes(from: previous, to: next, in: ipv4, \.ipv4)
        convergeLocalRoutes(from: previous, to: next, in: ipv6, \.ipv6)
        scheduleFlush()
    }

    /// The changes of one family, whose prefixes `member` picks out.
    private func convergeLocalRoutes<P>(
        from previous: [IPPrefix: String], to next: [IPPrefix: String],
        in family: FamilyTables<P>, _ member: KeyPath<IPPrefix, P?>
    ) {
        var changes: [BestPathChange<P>] = []
        for prefix in previous.keys.sorted() where next[prefix] == nil {
            guard let typed = prefix[keyPath: member] else { continue }
            logger.info("container address withdrawn", [.prefix: prefix])
            changes += family.rib.withdrawLocal(typed)
        }
        for (prefix, interface) in next.sorted(by: { $0.key < $1.key })
        where previous[prefix] != interface {
            guard let typed = prefix[keyPath: member] else { continue }
            logger.info("container address advertised", [.prefix: prefix, .interface: interface])
            let originated = family.rib.originate(typed, attributes: localAttributes)
            changes += originated
            if originated.isEmpty, let best = family.rib.bestRoute(for: typed),
                best.peer == .local
            {
                // The same route on a new interface: only the kernel route changes.
                queueKernel(prefix, kernelRoute(for: best))
            }
        }
        apply(changes, in: family)
    }

    /// Our AS or address changed: every session restarts under the new identity.
    private func restart(with next: DesiredState) {
        logger.notice(
            "local as or address changed, restarting every session",
            [.localAS: next.autonomousSystem, .address: next.routerID])
        for address in peers.keys.sorted() {
            removePeer(address, ceaseSubcode: CeaseSubcode.otherConfigurationChange)
        }
        let oldLocal = desired.localRoutes
        desired = next
        ipv4 = FamilyTables(for: next)
        ipv6 = FamilyTables(for: next)
        for prefix in oldLocal.keys where next.localRoutes[prefix] == nil {
            queueKernel(prefix, nil)
        }
        originateLocalRoutes(next.localRoutes.keys)
        listener?.close()
        do { try listen() } catch {
            logger.error("cannot listen on the new address", [.error: error])
        }
        for (address, peer) in next.peers.sorted(by: { $0.key < $1.key }) {
            addPeer(address, peer)
        }
    }
}
