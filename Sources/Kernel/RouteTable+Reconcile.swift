import BGPWire

extension RouteTable {
    /// Makes our routes equal `desired`: dumps ours, deletes those whose prefix is not
    /// desired (or that sit at another metric), and replaces every desired route that is
    /// not already installed as wanted, in both families. Routes of other protocols are
    /// never touched.
    /// - Parameter desired: the routes we want; for a prefix given twice, the last wins.
    /// - Returns: the requests the kernel refused.
    /// - Throws: `KernelError` when the socket fails or the kernel refuses the dump.
    public func reconcile(desired: [KernelRoute]) throws(KernelError) -> [RouteFailure] {
        let installed = try installedRoutes()
        return try perform(Self.plan(installed: installed, desired: desired, metric: metric))
    }

    /// The requests that turn `installed` (our routes, from a dump) into `desired`: deletes
    /// first, at the metric each stale route has, then replaces in prefix order.
    static func plan(
        installed: [InstalledRoute], desired: [KernelRoute], metric: UInt32
    ) -> [Entry] {
        var wanted: [IPPrefix: KernelRoute] = [:]
        for route in desired { wanted[route.prefix] = route }

        var deletes: [Entry] = []
        for route in installed {
            let want = wanted[route.route.prefix]
            if route.metric == metric, let want, want.isSatisfied(by: route.route) {
                wanted[want.prefix] = nil
            } else if route.metric != metric || want == nil {
                deletes.append((.delete(route.route.prefix), route.metric))
            }
        }
        let replaces = wanted.values.sorted { $0.prefix < $1.prefix }
        return deletes + replaces.map { (.replace($0), metric) }
    }
}
