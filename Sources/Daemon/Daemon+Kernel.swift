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
        case .writeFailed(let changes, let error):
            logger.error("kernel update failed, will retry", [.error: error, .count: changes.count])
            retryAll(changes)
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

    /// Routes the kernel refused (an interface still down, a next hop not yet reachable)
    /// are written again every second while they are still wanted, for a minute (see
    /// `KernelRetries`). (The writer has already deleted what a refused replace left.)
    private func retryLater(_ failures: [RouteFailure], attempted: [IPPrefix: KernelRoute?]) {
        let report = kernelRetries.recordWritten(attempted, failures: failures)
        for failure in report.firstRefusals {
            logger.warning("kernel refused a route, will retry", [.error: failure])
        }
        for failure in report.lastRefusals {
            logger.error("kernel refused a route, giving up", [.error: failure])
        }
        scheduleKernelRetry()
    }

    /// A batch the socket failed on is written again, every prefix of it, a second later:
    /// what the kernel holds for it is unknown.
    private func retryAll(_ changes: [IPPrefix: KernelRoute?]) {
        let abandoned = kernelRetries.recordFailed(changes)
        if abandoned > 0 {
            logger.error("kernel update failed too often, giving up", [.count: abandoned])
        }
        scheduleKernelRetry()
    }

    private func scheduleKernelRetry() {
        guard !kernelRetries.isEmpty, !kernelRetryScheduled else { return }
        kernelRetryScheduled = true
        loop.schedule(after: 1) { [weak self] in self?.retryKernelRoutes() }
    }

    private func retryKernelRoutes() {
        kernelRetryScheduled = false
        for prefix in kernelRetries.prefixes where pendingKernel[prefix] == nil {
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
