import BGPWire
import Dispatch
import Synchronization

/// Writes a `KernelTable` on a thread of its own, so that the kernel's work on our routes
/// (the FIB insert runs inside the writing thread's sendmsg) overlaps the event loop's BGP
/// work on another core.
///
/// The loop hands it work without blocking: batches of route changes, reconciliations, and
/// at the end `finish()`. While the writer is busy, new batches merge into one pending
/// batch, the latest value of a prefix winning (`KernelQueue`); each time the writer wakes
/// it takes everything pending. Work is done in the order it was queued, so whatever is
/// written for a prefix lands in that order, and every outcome is reported, in that order,
/// to the closure given to `start(reporting:)`, on the writer's thread: the daemon passes
/// one that posts to its event loop.
public final class KernelWriter: Sendable {
    /// The pending work, with whether a drain is queued on `thread`; the loop's lock.
    private let state = Mutex(State())
    /// Only the drain touches the table, and drains run one at a time on the serial
    /// `thread`: this lock is never contended and is only how the table, which is not
    /// Sendable, is handed to that thread.
    private let table: Mutex<any KernelTable>
    /// The writer's thread: a serial queue that runs one drain at a time.
    private let thread = DispatchQueue(label: "brindle.kernel-writer")

    private struct State: Sendable {
        var queue = KernelQueue()
        var isDraining = false
        var report: (@Sendable (Outcome) -> Void)?
    }

    /// Creates a writer for `table`, which it owns from now on; it writes nothing until
    /// `start(reporting:)`.
    public init(table: sending any KernelTable) {
        self.table = Mutex(table)
    }

    /// Sets where outcomes go and starts doing work, that queued before included.
    /// - Parameter report: called on the writer's thread with each outcome, in order.
    /// - Precondition: the writer was not started before.
    public func start(reporting report: @escaping @Sendable (Outcome) -> Void) {
        state.withLock { state in
            precondition(state.report == nil, "a kernel writer is started once")
            state.report = report
        }
        submit { _ in }
    }

    /// Queues route changes (a route to write, or nil to delete ours) after everything
    /// queued so far. Does not block on the kernel; ignored after `finish()`.
    public func write(_ changes: [IPPrefix: KernelRoute?]) {
        submit { $0.add(changes) }
    }

    /// Queues a reconciliation to `desired` after everything queued so far (see
    /// `RouteTable.reconcile(desired:)`). Ignored after `finish()`.
    public func reconcile(desired: [KernelRoute]) {
        submit { $0.add(reconcile: desired) }
    }

    /// Queues the stop: what is queued is still done, then `.finished` is reported and
    /// later work is ignored. Does not block; a second call does nothing.
    public func finish() {
        submit { $0.finish() }
    }

    /// Whether everything queued so far is done: the kernel holds what was written, and
    /// every outcome but a last `.caughtUp` has been reported.
    public var isIdle: Bool {
        state.withLock { !$0.isDraining && $0.queue.isEmpty }
    }

    /// Queues the stop, then blocks until everything queued is done. A writer never
    /// started returns at once and writes nothing. Never call it from the report closure,
    /// which runs on the writer's thread: it would wait for itself.
    public func waitUntilFinished() {
        finish()
        thread.sync {}
    }
}

// MARK: - The writer's thread

extension KernelWriter {
    /// Changes the queue and makes sure a drain will see it.
    private func submit(_ change: (inout KernelQueue) -> Void) {
        let needsDrain = state.withLock { state -> Bool in
            change(&state.queue)
            guard state.report != nil, !state.isDraining, !state.queue.isEmpty else {
                return false
            }
            state.isDraining = true
            return true
        }
        guard needsDrain else { return }
        thread.async { self.drain() }
    }

    /// Does queued work until none is left, reports `.caughtUp` unless it did the stop,
    /// and lets the next submit queue a new drain.
    private func drain() {
        guard let report = state.withLock({ $0.report }) else { return }
        var finished = false
        while let work = takeWork() {
            for item in work {
                report(perform(item))
                if case .finish = item { finished = true }
            }
        }
        if !finished { report(.caughtUp) }
    }

    /// Takes all queued work; nil, ending the drain, when there is none.
    private func takeWork() -> [KernelQueue.Work]? {
        state.withLock { state in
            guard !state.queue.isEmpty else {
                state.isDraining = false
                return nil
            }
            return state.queue.takeAll()
        }
    }

    private func perform(_ work: KernelQueue.Work) -> Outcome {
        switch work {
        case .changes(let changes): write(changes)
        case .reconcile(let desired): reconcileTable(desired)
        case .finish: .finished
        }
    }
}

// MARK: - The table

extension KernelWriter {
    /// The most changes sent in one `apply`. A batch can hold most of a full table when
    /// the loop runs ahead of the kernel; written in pieces, its request arrays stay small.
    static let pieceSize = 8192

    /// Writes one batch in pieces, each followed at once by the delete of what its refused
    /// replaces left, and reports.
    private func write(_ changes: [IPPrefix: KernelRoute?]) -> Outcome {
        do {
            let failures = try table.withLock { table throws(KernelError) in
                var failures: [RouteFailure] = []
                var start = changes.startIndex
                while start != changes.endIndex {
                    let end =
                        changes.index(start, offsetBy: Self.pieceSize, limitedBy: changes.endIndex)
                        ?? changes.endIndex
                    failures += try Self.write(changes[start..<end], to: table)
                    start = end
                }
                return failures
            }
            return .written(changes: changes, failures: failures)
        } catch {
            return .writeFailed(changes: changes, error: error)
        }
    }

    private static func write(
        _ piece: Slice<[IPPrefix: KernelRoute?]>, to table: any KernelTable
    ) throws(KernelError) -> [RouteFailure] {
        var replace: [KernelRoute] = []
        var delete: [IPPrefix] = []
        replace.reserveCapacity(pieceSize)
        for (prefix, route) in piece {
            if let route { replace.append(route) } else { delete.append(prefix) }
        }
        let failures = try table.apply(replace: replace, delete: delete)
        try removeRefused(failures, from: table)
        return failures
    }

    /// A refused replace leaves the old route in the kernel, which the RIB no longer holds;
    /// it is deleted, so the kernel never forwards along a path we withdrew.
    private static func removeRefused(
        _ failures: [RouteFailure], from table: any KernelTable
    ) throws(KernelError) {
        let refused = failures.compactMap { failure -> IPPrefix? in
            guard case .replace = failure.request else { return nil }
            return failure.prefix
        }
        guard !refused.isEmpty else { return }
        _ = try table.apply(replace: [], delete: refused)
    }

    private func reconcileTable(_ desired: [KernelRoute]) -> Outcome {
        do {
            let failures = try table.withLock { table throws(KernelError) in
                try table.reconcile(desired: desired)
            }
            return .reconciled(count: desired.count, failures: failures)
        } catch {
            return .reconcileFailed(error)
        }
    }
}
