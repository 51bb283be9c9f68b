import Glibc

extension RouteTable {
    /// How many times a dump that the kernel marks interrupted is started again.
    static let dumpAttempts = 3

    /// Lists our routes of both families in `table`: those carrying our protocol number, at
    /// any metric.
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
                switch try collector.take(message) {
                case .more: continue
                case .complete(let routes): return routes
                case .interrupted: return nil
                }
            }
        }
    }
}
