import BGPWire

/// The work waiting for a `KernelWriter`, in the order it was queued: batches of route
/// changes, reconciliations and the final stop.
///
/// Consecutive batches of changes merge into one, the latest value of a prefix winning, so
/// a prefix changed twice before it is written is written once, with its last value. A
/// reconciliation is a barrier: changes queued before it are written before it, changes
/// queued after it stay a separate batch and are written after it. Once `finish` is queued
/// the queue takes nothing more.
struct KernelQueue: Sendable {
    /// One piece of work for the writer.
    enum Work: Sendable, Equatable {
        /// Route changes by prefix: a route to write, or nil to delete ours.
        case changes([IPPrefix: KernelRoute?])
        /// Make our routes equal these (see `RouteTable.reconcile`).
        case reconcile([KernelRoute])
        /// Stop once everything before is done.
        case finish
    }

    /// The queued work, oldest first.
    private(set) var work: [Work] = []
    /// Whether `finish` was queued; later work is refused.
    private(set) var isFinished = false

    /// Whether nothing is queued.
    var isEmpty: Bool { work.isEmpty }

    /// Queues route changes, merging them into the last batch when that is the newest work.
    /// - Returns: false, queuing nothing, once `finish` has been queued.
    @discardableResult
    mutating func add(_ changes: [IPPrefix: KernelRoute?]) -> Bool {
        guard !isFinished else { return false }
        guard !changes.isEmpty else { return true }
        guard case .changes(var batch)? = work.last else {
            work.append(.changes(changes))
            return true
        }
        // Removing the batch first leaves `batch` its storage's only owner, so the merge
        // below grows it in place rather than copying it.
        work.removeLast()
        Self.merge(changes, into: &batch)
        work.append(.changes(batch))
        return true
    }

    /// Queues a reconciliation after everything queued so far.
    /// - Returns: false, queuing nothing, once `finish` has been queued.
    @discardableResult
    mutating func add(reconcile desired: [KernelRoute]) -> Bool {
        guard !isFinished else { return false }
        work.append(.reconcile(desired))
        return true
    }

    /// Queues the stop after everything queued so far; a second call does nothing.
    mutating func finish() {
        guard !isFinished else { return }
        isFinished = true
        work.append(.finish)
    }

    /// Takes all queued work, leaving the queue empty (but still finished if it was).
    mutating func takeAll() -> [Work] {
        defer { work = [] }
        return work
    }

    /// Merges `newer` into `older`, a prefix in both keeping `newer`'s value.
    static func merge(
        _ newer: [IPPrefix: KernelRoute?], into older: inout [IPPrefix: KernelRoute?]
    ) {
        // updateValue, because assigning nil through the subscript would drop a delete.
        for (prefix, route) in newer { older.updateValue(route, forKey: prefix) }
    }
}
