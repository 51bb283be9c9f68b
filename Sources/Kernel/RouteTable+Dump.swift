import BGPWire
import Glibc

extension RouteTable {
    /// How many times a dump that the kernel marks interrupted is started again.
    static let dumpAttempts = 3

    /// Lists our IPv4 routes in `table`: those carrying our protocol number, at any metric.
    /// - Throws: `KernelError` when the socket fails or the kernel refuses the dump.
    public func dump() throws(KernelError) -> [KernelRoute] {
        try installedRoutes().map(\.route)
    }

    /// Our routes with their metrics, from a complete (not interrupted) dump.
    func installedRoutes() throws(KernelError) -> [InstalledRoute] {
        for _ in 0..<Self.dumpAttempts {
            if let routes = try dumpOnce() { return routes }
        }
        throw KernelError(call: "RTM_GETROUTE", errno: EINTR, detail: "dump kept changing")
    }

    /// One dump; nil if the kernel flagged it NLM_F_DUMP_INTR.
    private func dumpOnce() throws(KernelError) -> [InstalledRoute]? {
        let sequence = takeSequence()
        var writer = NetlinkWriter()
        RouteMessage.appendDump(sequence: sequence, to: &writer)
        try socket.send(writer.bytes)
        var collector = DumpCollector(owner: owner)
        while true {
            for message in try NetlinkMessage.split(socket.receive())
            where message.sequence == sequence {
                if let result = try collector.take(message) { return result }
            }
        }
    }
}

/// Gathers the routes of one dump reply, message by message.
struct DumpCollector {
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

    /// Takes one message of the reply.
    /// - Returns: nil while the dump goes on; at NLMSG_DONE, the routes, or nil inside the
    ///   optional when the dump was interrupted and must be started again.
    /// - Throws: `KernelError` when the kernel answers with an error.
    mutating func take(_ message: NetlinkMessage) throws(KernelError) -> [InstalledRoute]?? {
        interrupted = interrupted || message.flags.contains(.dumpInterrupted)
        switch message.type {
        case .done:
            let errorNumber = message.doneErrorNumber
            guard errorNumber == 0 else {
                throw KernelError(call: "RTM_GETROUTE", errno: errorNumber)
            }
            return .some(interrupted ? nil : routes)
        case .error:
            throw KernelError(call: "RTM_GETROUTE", errno: message.errorNumber ?? EBADMSG)
        default:
            guard let route = RouteMessage.decode(message), route.isOwned(by: owner) else {
                return nil
            }
            routes.append(route)
            return nil
        }
    }
}
