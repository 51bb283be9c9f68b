import BGPWire

extension KernelWriter {
    /// What became of one piece of queued work, reported in the order the work was queued.
    public enum Outcome: Sendable {
        /// A batch of changes was written. `changes` is the batch as written (the latest
        /// value of each prefix queued since the last batch; nil for a delete); `failures`
        /// are the requests the kernel refused. A refused replace was followed at once by
        /// a delete of our route for its prefix, so no route we withdrew stays behind.
        case written(changes: [IPPrefix: KernelRoute?], failures: [RouteFailure])
        /// The socket failed while writing a batch (or deleting its refused replaces), so
        /// what the kernel holds for the batch's prefixes (`changes`, as in `.written`) is
        /// unknown: some pieces may have been written, others not.
        case writeFailed(changes: [IPPrefix: KernelRoute?], error: KernelError)
        /// A reconciliation to `count` desired routes was done; `failures` are the
        /// requests the kernel refused.
        case reconciled(count: Int, failures: [RouteFailure])
        /// A reconciliation failed: the socket failed or the kernel refused the dump.
        case reconcileFailed(KernelError)
        /// Everything queued so far is done and the writer waits for more (`isIdle` tells
        /// whether more has come meanwhile). Not reported after `.finished`.
        case caughtUp
        /// Everything queued before `finish()` is done; the writer takes nothing more.
        case finished
    }
}
