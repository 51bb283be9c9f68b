import BGPWire

/// Brindle's routes in one kernel routing table, written and read over one NETLINK_ROUTE
/// socket.
///
/// Every route it writes carries `protocolNumber` and `metric`, and it deletes, dumps and
/// reconciles only routes with that protocol number, so routes of other protocols (kernel,
/// static, dhcp, another daemon) are never touched. Calls block until the kernel has
/// acknowledged every request. Not thread-safe: one thread (the event loop) owns a table.
public final class RouteTable {
    /// Brindle's default `rtm_protocol`, 150. The kernel does not interpret values above
    /// RTPROT_STATIC (4); linux/rtnetlink.h and iproute2's rt_protos name 8-18, 42, 99 and
    /// 186-192 for other daemons (BIRD is 12, BGP 186), and leave 150 unclaimed. A line
    /// `150 brindle` in /etc/iproute2/rt_protos.d/brindle.conf lets `ip route` name it.
    public static let defaultProtocol: UInt8 = 150
    /// Brindle's default metric (`RTA_PRIORITY`), 32 as BIRD's kernel protocol uses. The
    /// metric is part of a route's key, so a static route for the same prefix at the usual
    /// metric 0 stays a separate route, wins the lookup, and is not overwritten by us.
    public static let defaultMetric: UInt32 = 32
    /// The largest batch of requests sent in one sendmsg, in bytes.
    static let batchBytes = 32 * 1024

    /// The protocol number on every route we write.
    public var protocolNumber: UInt8 { owner.protocolNumber }
    /// The routing table id (254 is `main`).
    public var table: UInt32 { owner.table }
    /// The metric on every route we write.
    public var metric: UInt32 { owner.metric }
    /// The netlink socket's descriptor, so an event loop can wait for its replies.
    public var fileDescriptor: Int32 { socket.fileDescriptor }

    let owner: RouteOwner
    let socket: NetlinkSocket
    private var nextSequence: UInt32 = 1

    /// Opens a NETLINK_ROUTE socket for one table.
    /// - Parameters:
    ///   - protocolNumber: the `rtm_protocol` that marks our routes.
    ///   - table: the routing table id; 254 is `main`.
    ///   - metric: the metric of our routes.
    ///   - namespacePath: a network namespace such as `/run/netns/NAME` to open the socket
    ///     in (entered with setns on the calling thread and left again); nil for our own.
    /// - Throws: `KernelError` from open, setns, socket or setsockopt.
    public init(
        protocolNumber: UInt8 = RouteTable.defaultProtocol, table: UInt32 = 254,
        metric: UInt32 = RouteTable.defaultMetric, namespacePath: String? = nil
    ) throws(KernelError) {
        owner = RouteOwner(protocolNumber: protocolNumber, table: table, metric: metric)
        socket = try NetworkNamespace.run(in: namespacePath) {
            () throws(KernelError) -> NetlinkSocket in try NetlinkSocket()
        }
    }

    /// Deletes, then replaces, routes in batches of many requests per sendmsg, each with its
    /// own sequence number and an acknowledgement.
    /// - Parameters:
    ///   - replace: routes to create or overwrite (RTM_NEWROUTE, NLM_F_CREATE|NLM_F_REPLACE).
    ///   - delete: prefixes whose route of ours to delete; an absent route (ESRCH) is fine.
    /// - Returns: the requests the kernel refused, each with its errno.
    /// - Throws: `KernelError` when the socket fails, which leaves the outcome unknown.
    public func apply(
        replace: [KernelRoute], delete: [IPPrefix]
    ) throws(KernelError) -> [RouteFailure] {
        let deletes = delete.map { (RouteRequest.delete($0), owner.metric) }
        return try perform(deletes + replace.map { (.replace($0), owner.metric) })
    }

    /// Takes the next request sequence number.
    func takeSequence() -> UInt32 {
        defer { nextSequence &+= 1 }
        return nextSequence
    }
}
