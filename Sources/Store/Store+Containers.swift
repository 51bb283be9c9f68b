import BGPWire

extension Store {
    /// Adds a container and gives it its first address, in one transaction.
    ///
    /// - Returns: the address it got.
    /// - Throws: `StoreError.invalidName`, `.nodeNotFound`, `.containerExists`,
    ///   `.interfaceInUse`, or any allocation error of `allocate` and `assign`; on any of
    ///   them nothing is stored.
    public func addContainer(_ container: Container, address request: AddressRequest)
        throws(StoreError) -> IPv4Address
    {
        try Self.checkName(container.name, kind: "container")
        return try write { () throws(StoreError) in
            try insertContainer(container)
            return try insertAllocation(container: container.name, request: request)
        }
    }

    /// Removes a container and releases all its addresses.
    ///
    /// - Returns: the released addresses, in order.
    /// - Throws: `StoreError.containerNotFound`.
    public func removeContainer(named name: String) throws(StoreError) -> [IPv4Address] {
        try write { () throws(StoreError) in
            let addresses = try database.rows(
                "SELECT address FROM allocations WHERE container = ?1 ORDER BY address",
                [.text(name)]
            ).map { IPv4Address(rawValue: $0.uint32(0)) }

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
