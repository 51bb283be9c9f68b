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
    private func kernelRoute(for prefix: IPPrefix) -> KernelRoute? {
        switch prefix {
        case .v4(let prefix): kernelRoute(for: ipv4.rib.bestRoute(for: prefix))
        case .v6(let prefix): kernelRoute(for: ipv6.rib.bestRoute(for: prefix))
        }
    }

    /// Queues a kernel write for the next flush: `route`, or a delete when nil.
    func queueKernel(_ prefix: IPPrefix, _ route: KernelRoute?) {
        // updateValue, because assigning nil through the subscript would drop the delete.
        pendingKernel.updateValue(route, forKey: prefix)
        scheduleFlush()
    }

    func scheduleFlush() {
        guard !flushScheduled else { return }
        flushScheduled = true
        loop.schedule(after: 0) { [weak self] in self?.flush() }
    }

    /// Writes pending kernel changes in one batch and pending UPDATEs to every group.
    func flush() {
        flushScheduled = false
        flushKernel()
        for group in ipv4.groups.values { group.flush() }
        for group in ipv6.groups.values { group.flush() }
    }

    private func flushKernel() {
        guard !pendingKernel.isEmpty else { return }
        var replace: [KernelRoute] = []
        var delete: [IPPrefix] = []
        for (prefix, route) in pendingKernel {
            if let route { replace.append(route) } else { delete.append(prefix) }
        }
        pendingKernel.removeAll(keepingCapacity: true)
        do {
            let failures = try routeTable.apply(replace: replace, delete: delete)
            retryLater(failures, attempted: replace.map(\.prefix) + delete)
            try removeRefused(failures)
            logger.debug("kernel updated", [.count: replace.count + delete.count])
        } catch {
            logger.error("kernel update failed", [.error: error])
        }
    }

    /// Routes the kernel refused (an interface still down, a next hop not yet
    /// reachable) are written again every second while they are still wanted,
    /// up to `maximumKernelAttempts` times.
    private func retryLater(_ failures: [RouteFailure], attempted: [IPPrefix]) {
        let failed = Set(failures.map(\.prefix))
        for prefix in attempted where !failed.contains(prefix) { kernelRetries[prefix] = nil }
        for failure in failures {
            let attempts = kernelRetries[failure.prefix, default: 0] + 1
            if attempts == 1 {
                logger.warning("kernel refused a route, will retry", [.error: failure])
            }
            if attempts >= Self.maximumKernelAttempts {
                logger.error("kernel refused a route, giving up", [.error: failure])
                kernelRetries[failure.prefix] = nil
            } else {
                kernelRetries[failure.prefix] = attempts
            }
        }
        guard !kernelRetries.isEmpty, !kernelRetryScheduled else { return }
        kernelRetryScheduled = true
        loop.schedule(after: 1) { [weak self] in self?.retryKernelRoutes() }
    }

    static let maximumKernelAttempts = 60

    /// A refused replace leaves the old route in the kernel, which the RIB no longer
    /// holds; it is deleted, so the kernel never forwards along a path we withdrew.
    private func removeRefused(_ failures: [RouteFailure]) throws {
        let refused = failures.compactMap { failure -> IPPrefix? in
            guard case .replace = failure.request else { return nil }
            return failure.prefix
        }
        guard !refused.isEmpty else { return }
        _ = try routeTable.apply(replace: [], delete: refused)
    }

    private func retryKernelRoutes() {
        kernelRetryScheduled = false
        for prefix in kernelRetries.keys where pendingKernel[prefix] == nil {
            queueKernel(prefix, kernelRoute(for: prefix))
        }
        scheduleFlush()
    }

    /// Deletes stale routes of ours left by an earlier run and writes the
    /// local container routes, never touching another protocol's routes.
    func reconcileKernelAtStart() {
        var wanted: [KernelRoute] = []
        for (prefix, interface) in desired.localRoutes {
            guard let index = Interfaces.index(named: interface) else { continue }
            wanted.append(
                KernelRoute(prefix: prefix, nextHop: nil, interfaceIndex: index, scope: .link))
        }
        reconcileKernel(wanted)
    }

    /// Makes the kernel hold exactly our best routes again (on SIGHUP): routes of ours
    /// that someone deleted come back, ones left over go.
    func reinstallKernelRoutes() {
        flushKernel()
        reconcileKernel(
            ipv4.rib.bestRoutes.compactMap(kernelRoute(for:))
                + ipv6.rib.bestRoutes.compactMap(kernelRoute(for:)))
    }

    private func reconcileKernel(_ wanted: [KernelRoute]) {
        do {
            let failures = try routeTable.reconcile(desired: wanted)
            for failure in failures { logger.warning("kernel refused a route", [.error: failure]) }
            logger.info("kernel routes reconciled", [.count: wanted.count])
        } catch {
            logger.error("kernel reconcile failed", [.error: error])
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
