import Glibc

/// Gathers our routes from the messages of one RTM_GETROUTE dump reply.
struct DumpCollector {
    /// Where a dump stands after one more message.
    enum Progress: Equatable {
        /// More messages follow.
        case more
        /// NLMSG_DONE arrived; these are our routes.
        case complete([InstalledRoute])
        /// NLMSG_DONE arrived, but a part carried NLM_F_DUMP_INTR: the table changed while
        /// the kernel walked it, so the dump must be started again.
        case interrupted
    }

    /// Whose routes to keep.
    let owner: RouteOwner
    /// Our routes so far.
    private(set) var routes: [InstalledRoute] = []
    /// Whether any part carried NLM_F_DUMP_INTR.
    private(set) var interrupted = false

    /// Creates a collector for `owner`'s routes.
    init(owner: RouteOwner) {
        self.owner = owner
    }

    /// Takes one message of the reply; messages that are not our routes are skipped.
    /// - Throws: `KernelError` when the kernel answers the dump with an error.
    mutating func take(_ message: NetlinkMessage) throws(KernelError) -> Progress {
        interrupted = interrupted || message.flags.contains(.dumpInterrupted)
        switch message.type {
        case .done:
            let errorNumber = message.doneErrorNumber
            guard errorNumber == 0 else {
                throw KernelError(call: "RTM_GETROUTE", errno: errorNumber)
            }
            return interrupted ? .interrupted : .complete(routes)
        case .error:
            let errorNumber = message.errorNumber ?? EBADMSG
            guard errorNumber == 0 else {
                throw KernelError(call: "RTM_GETROUTE", errno: errorNumber)
            }
            return .more
        default:
            if let route = RouteMessage.decode(message), route.isOwned(by: owner) {
                routes.append(route)
            }
            return .more
        }
    }
}
