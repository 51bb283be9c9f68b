import BGPWire
import Kernel
import RIB

/// Best path changes, on their way to the kernel and to the peers.
extension Daemon {
    /// Queues a batch of one family's RIB changes for the kernel and the family's groups.
    func apply<P>(_ changes: [BestPathChange<P>], in family: FamilyTables<P>) {
        guard !changes.isEmpty else { return }
        for change in changes {
            // Only what changes the kernel's route is written: not a new MED alone, and
            // nothing with --no-kernel-routes.
            let route = kernelRoute(for: change.current)
            guard route != kernelRoute(for: change.previous) else { continue }
            queueKernel(change.prefix.neutral, route)
        }
        for group in family.groups.values {
            group.table.apply(changes)
        }
        scheduleFlush()
    }

    /// The kernel route for a best path: via the next hop for a learned route,
    /// or to the container's host-side interface for a local one.
    func kernelRoute<P>(for route: Route<P>?) -> KernelRoute? {
        guard let route else { return nil }
        let prefix = route.prefix.neutral
        guard route.peer == .local else {
            guard configuration.installsLearnedRoutes,
                let nextHop = P.nextHop(in: route.attributes).map(P.neutral),
                Self.isInstallable(nextHop)
            else { return nil }
            return KernelRoute(
                prefix: prefix, nextHop: nextHop, interfaceIndex: nil, scope: .universe)
        }
        return localKernelRoute(for: prefix)
    }

    /// Whether the kernel can route via `nextHop` as a gateway of its own family: not an
    /// IPv4-mapped IPv6 address (RFC 5549), which would need an IPv4 gateway for an IPv6
    /// route. (Next hops no router can have never get this far: see `isUsable`.)
    static func isInstallable(_ nextHop: IPAddress) -> Bool {
        guard case .v6(let address) = nextHop else { return true }
        return !address.isIPv4Mapped
    }

    /// The route to a local container's host-side interface.
    private func localKernelRoute(for prefix: IPPrefix) -> KernelRoute? {
        guard let interface = desired.localRoutes[prefix],
            let index = Interfaces.index(named: interface)
        else {
            logger.warning(
                "container interface not found, no kernel route",
                [.prefix: prefix, .interface: desired.localRoutes[prefix] ?? "?"])
            return nil
        }
        return KernelRoute(prefix: prefix, nextHop: nil, interfaceIndex: index, scope: .link)
    }

    /// The kernel route for the best route of `prefix`, of either family.
    func kernelRoute(for prefix: IPPrefix) -> KernelRoute? {
        switch prefix {
        case .v4(let prefix): kernelRoute(for: ipv4.rib.bestRoute(for: prefix))
        case .v6(let prefix): kernelRoute(for: ipv6.rib.bestRoute(for: prefix))
        }
    }

    /// Queues a kernel write for the next flush: `route`, or a delete when nil. A full
    /// hand-off's worth goes to the kernel writer at once, not at the end of the turn.
    func queueKernel(_ prefix: IPPrefix, _ route: KernelRoute?) {
        // updateValue, because assigning nil through the subscript would drop the delete.
        pendingKernel.updateValue(route, forKey: prefix)
        guard pendingKernel.count < Self.kernelHandOff else { return flushKernel() }
        scheduleFlush()
    }

    /// The most kernel changes kept back until the end of a turn of the loop. One turn may
    /// decode a megabyte of UPDATEs; handing their routes over in pieces of this size lets
    /// the kernel writer start on them while the loop decodes the rest.
    static let kernelHandOff = 1024

    func scheduleFlush() {
        guard !flushScheduled else { return }
        flushScheduled = true
        loop.schedule(after: 0) { [weak self] in self?.flush() }
    }

    /// Hands pending kernel changes to the writer in one batch, and writes pending UPDATEs
    /// to every group once the kernel holds every change handed to the writer.
    func flush() {
        flushScheduled = false
        flushKernel()
        flushGroupsIfKernelCaughtUp()
    }

    /// A change is sent to the groups only once it is in the kernel (or the kernel refused
    /// it), much as FRR's suppress-fib-pending: a peer that learns a route from us can
    /// forward along it at once. While the writer is busy the groups' Adj-RIBs-Out gather
    /// changes, and `.caughtUp` brings us here again. (A member's joining flushes its group,
    /// and a joining member or a refresh is sent the group's table, as they stand.) A
    /// kernel that never catches up, under changes faster than it takes them, would hold
    /// the peers back for good, so they wait at most `kernelHoldBack` seconds.
    func flushGroupsIfKernelCaughtUp() {
        guard kernelWriter.isIdle else {
            holdGroupsBackForTheKernel()
            return
        }
        flushGroups()
    }

    /// The longest the groups wait for the kernel writer.
    static let kernelHoldBack = 0.5

    private func flushGroups() {
        groupsHeldSince = nil
        for group in ipv4.groups.values { group.flush() }
        for group in ipv6.groups.values { group.flush() }
    }

    /// Notes when the groups started waiting, and flushes them anyway once they have waited
    /// `kernelHoldBack`.
    private func holdGroupsBackForTheKernel() {
        guard groupsHeldSince == nil else { return }
        let since = loop.now
        groupsHeldSince = since
        loop.schedule(after: Self.kernelHoldBack) { [weak self] in
            guard let self, self.groupsHeldSince == since else { return }
            self.logger.debug("kernel writer still busy, updates sent anyway")
            self.flushGroups()
        }
    }

    /// Puts local container routes into the RIBs as our own (PeerID.local).
    func originateLocalRoutes(_ routes: some Collection<IPPrefix>) {
        let sorted = routes.sorted()
        originate(sorted.compactMap(\.ipv4), in: ipv4)
        originate(sorted.compactMap(\.ipv6), in: ipv6)
    }

    private func originate<P>(_ prefixes: [P], in family: FamilyTables<P>) {
        var changes: [BestPathChange<P>] = []
        for prefix in prefixes {
            changes += family.rib.originate(prefix, attributes: localAttributes)
        }
        apply(changes, in: family)
    }

    /// Locally originated container routes: ORIGIN IGP, empty AS_PATH, next hop us (the
    /// IPv6 next hop is set per group on export, from the node's IPv6 address).
    var localAttributes: PathAttributes {
        PathAttributes(origin: .igp, asPath: ASPath(), nextHop: routerID)
    }
}
