import BGPWire

extension Store {
    /// Adds a container and gives it its first addresses, in one transaction.
    ///
    /// An empty `requests` asks for the default, dual stack as Calico does it: one address
    /// from the first enabled IPv4 pool with a free one, and one from the first enabled
    /// IPv6 pool with a free one if any enabled IPv6 pool exists.
    ///
    /// - Returns: the addresses it got, in the order of the requests.
    /// - Throws: `StoreError.invalidName`, `.nodeNotFound`, `.containerExists`,
    ///   `.interfaceInUse`, or any allocation error of `allocate` and `assign`; on any of
    ///   them nothing is stored.
    public func addContainer(_ container: Container, addresses requests: [AddressRequest])
        throws(StoreError) -> [IPAddress]
    {
        try Self.checkName(container.name, kind: "container")
        return try write { () throws(StoreError) in
            try insertContainer(container)
            var chosen = requests
            if chosen.isEmpty {
                chosen = [.family(.ipv4)] + (try hasEnabledPool(.ipv6) ? [.family(.ipv6)] : [])
            }
            var addresses: [IPAddress] = []
            for request in chosen {
                addresses.append(try insertAllocation(container: container.name, request: request))
            }
            return addresses
        }
    }

    /// Removes a container and releases all its addresses.
    ///
    /// - Returns: the released addresses, in order, IPv4 before IPv6.
    /// - Throws: `StoreError.containerNotFound`.
    public func removeContainer(named name: String) throws(StoreError) -> [IPAddress] {
        try write { () throws(StoreError) in
            var addresses: [IPAddress] = []
            for tables in AddressTables.all {
                addresses += try database.rows(
                    "SELECT address FROM \(tables.allocations) WHERE container = ?1"
                        + " ORDER BY address", [.text(name)]
                ).map { row throws(StoreError) in
                    try row.address(0, tables.afi, in: tables.allocations)
                }
            }
            let removed = try database.run("DELETE FROM containers WHERE name = ?1", [.text(name)])
            guard removed == 1 else { throw .containerNotFound(name) }
            return addresses
        }
    }

    /// The containers by name.
    public func containers() throws(StoreError) -> [Container] {
        try loadContainers()
    }

    /// The container with this name, or nil.
    public func container(named name: String) throws(StoreError) -> Container? {
        try loadContainers(where: "WHERE name = ?1", [.text(name)]).first
    }

    /// The containers by name that match `filter` (a `WHERE` clause over `values`).
    func loadContainers(where filter: String = "", _ values: [SQLValue] = [])
        throws(StoreError) -> [Container]
    {
        let sql = "SELECT name, node, netns, host_interface FROM containers \(filter) ORDER BY name"
        return try database.rows(sql, values).map {
            Container(
                name: $0.string(0), node: $0.string(1), netns: $0.string(2),
                hostInterface: $0.string(3))
        }
    }

    private func insertContainer(_ container: Container) throws(StoreError) {
        guard try nodeExists(container.node) else { throw .nodeNotFound(container.node) }
        guard try self.container(named: container.name) == nil else {
            throw .containerExists(container.name)
        }
        let owner = try loadContainers(
            where: "WHERE host_interface = ?1", [.text(container.hostInterface)]
        ).first
        if let owner { throw .interfaceInUse(container.hostInterface, container: owner.name) }

        try database.run(
            "INSERT INTO containers VALUES (?1, ?2, ?3, ?4)",
            [
                .text(container.name), .text(container.node), .text(container.netns),
                .text(container.hostInterface),
            ])
    }
}
