import BGPWire
import Kernel

/// The kernel side: route changes handed to the `KernelWriter`, and what it reports back.
///
/// The writer writes on its own thread; its outcomes come back through a mailbox, so the
/// retry bookkeeping and the log lines below all run on the event loop's thread.
extension Daemon {
    /// Starts the writer, its outcomes posted to the loop. Called after the signal handlers
    /// are installed, so that the writer's thread inherits the blocked signals.
    func startKernelWriter() {
        let mailbox = loop.makeMailbox { [weak self] (outcome: KernelWriter.Outcome) in
            self?.kernelReported(outcome)
        }
        kernelWriter.start { mailbox.send($0) }
    }

    /// Hands the pending kernel changes to the writer as one batch; does not block.
    // TODO: nothing holds the loop back while the writer lags, so a full table that arrives
    // faster than the kernel takes it waits in the writer's queue, some 100-200 bytes a route.
    func flushKernel() {
        guard !pendingKernel.isEmpty else { return }
        let changes = pendingKernel
        pendingKernel = [:]
        kernelWriter.write(changes)
    }

    /// After the last flush of a shutdown: the writer finishes what is queued, then
    /// reports `.finished`, on which the loop stops.
    func finishKernel() {
        flush()
        kernelWriter.finish()
    }

    private func kernelReported(_ outcome: KernelWriter.Outcome) {
        switch outcome {
        case .written(let changes, let failures):
            retryLater(failures, attempted: changes)
            logger.debug("kernel updated", [.count: changes.count])
        case .writeFailed(let error):
            logger.error("kernel update failed", [.error: error])
        case .reconciled(let count, let failures):
            for failure in failures { logger.warning("kernel refused a route", [.error: failure]) }
            logger.info("kernel routes reconciled", [.count: count])
        case .reconcileFailed(let error):
            logger.error("kernel reconcile failed", [.error: error])
        case .caughtUp:
            flushGroupsIfKernelCaughtUp()
        case .finished:
            loop.stop()
        }
    }

    /// Routes the kernel refused (an interface still down, a next hop not yet
    /// reachable) are written again every second while they are still wanted,
    /// up to `maximumKernelAttempts` times. (The writer has already deleted what a
    /// refused replace left behind.)
    private func retryLater(_ failures: [RouteFailure], attempted: [IPPrefix: KernelRoute?]) {
        let failed = Set(failures.map(\.prefix))
        for prefix in Array(kernelRetries.keys)
        where attempted.index(forKey: prefix) != nil && !failed.contains(prefix) {
            kernelRetries[prefix] = nil
        }
        for failure in failures { countAttempt(failure) }
        guard !kernelRetries.isEmpty, !kernelRetryScheduled else { return }
        kernelRetryScheduled = true
        loop.schedule(after: 1) { [weak self] in self?.retryKernelRoutes() }
    }

    private func countAttempt(_ failure: RouteFailure) {
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

    static let maximumKernelAttempts = 60

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
        kernelWriter.reconcile(desired: wanted)
    }

    /// Makes the kernel hold exactly our best routes again (on SIGHUP): routes of ours
    /// that someone deleted come back, ones left over go. Queued after the changes
    /// pending, and before any that follow.
    func reinstallKernelRoutes() {
        flushKernel()
        kernelWriter.reconcile(
            desired: ipv4.rib.bestRoutes.compactMap(kernelRoute(for:))
                + ipv6.rib.bestRoutes.compactMap(kernelRoute(for:)))
    }
}
