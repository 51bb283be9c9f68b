import BGPWire

/// What a `KernelWriter` needs of a kernel routing table: batched writes and a
/// reconciliation. `RouteTable` is the real one; tests hand the writer a fake.
public protocol KernelTable {
    /// Deletes, then replaces, routes; see `RouteTable.apply(replace:delete:)`.
    /// - Returns: the requests the kernel refused.
    /// - Throws: `KernelError` when the socket fails, which leaves the outcome unknown.
    func apply(replace: [KernelRoute], delete: [IPPrefix]) throws(KernelError) -> [RouteFailure]

    /// Makes our routes equal `desired`; see `RouteTable.reconcile(desired:)`.
    /// - Returns: the requests the kernel refused.
    /// - Throws: `KernelError` when the socket fails or the kernel refuses the dump.
    func reconcile(desired: [KernelRoute]) throws(KernelError) -> [RouteFailure]
}

extension RouteTable: KernelTable {}
