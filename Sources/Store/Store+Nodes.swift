import BGPWire

extension Store {
    /// Adds a node.
    ///
    /// - Throws: `StoreError.invalidName`, `.reservedASNumber`, `.unusableAddress`,
    ///   `.addressInPool`, `.nodeExists`, `.nodeAddressInUse` if another node has the
    ///   address or the IPv6 address, `.clusterIDWithoutRouteReflector` for a cluster id on
    ///   a node that is no reflector, or `.zeroClusterID`.
    public func addNode(_ node: Node) throws(StoreError) {
        try Self.checkName(node.name, kind: "node")
        if let asNumber = node.asNumber { try Self.checkASNumber(asNumber) }
        try Self.checkSpeakerAddress(node.address)
        if let address = node.ipv6Address { try Self.checkNodeAddress(address) }
        try Self.checkClusterID(node.clusterID, node: node.name, enabled: node.routeReflector)
        try write { () throws(StoreError) in
            guard try !nodeExists(node.name) else { throw .nodeExists(node.name) }
            try checkOutsidePools(.v4(node.address))
            let owner = try database.scalar(
                "SELECT name FROM nodes WHERE address = ?1", [.int(node.address.rawValue)])
            if let owner = owner?.text { throw .nodeAddressInUse(.v4(node.address), node: owner) }
            if let address = node.ipv6Address { try checkFreeIPv6(address, for: node.name) }

            try database.run(
                """
                INSERT INTO nodes
                    (name, address, as_number, route_reflector, cluster_id, ipv6_address)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6)
                """,
                [
                    .text(node.name), .int(node.address.rawValue),
                    node.asNumber.map(SQLValue.int) ?? .null, .bool(node.routeReflector),
                    node.clusterID.map { .int($0.rawValue) } ?? .null,
                    .optionalIPv6(node.ipv6Address),
                ])
        }
    }

    /// Gives a node an IPv6 address, the next hop of the IPv6 routes it originates, or
    /// (nil) takes it away.
    ///
    /// - Throws: `StoreError.unusableAddress` for the unspecified, loopback, link-local or
    ///   a multicast address, `.addressInPool`, `.nodeAddressInUse` if another node has it,
    ///   or `.nodeNotFound`.
    public func setNodeIPv6Address(node name: String, _ address: IPv6Address?)
        throws(StoreError)
    {
        if let address { try Self.checkNodeAddress(address) }
        try write { () throws(StoreError) in
            if let address { try checkFreeIPv6(address, for: name) }
            let changed = try database.run(
                "UPDATE nodes SET ipv6_address = ?2 WHERE name = ?1",
                [.text(name), .optionalIPv6(address)])
            guard changed == 1 else { throw .nodeNotFound(name) }
        }
    }

    /// Makes a node a route reflector (RFC 4456) with the CLUSTER_ID that `clusterID` says,
    /// or (`enabled` false) an ordinary node again without a cluster id.
    ///
    /// With `.keep`, a node that is a reflector already keeps its own cluster id, so that
    /// repeating a request is harmless; only `.routerID` goes back to the router id.
    ///
    /// - Throws: `StoreError.nodeNotFound`, `.clusterIDWithoutRouteReflector` for a
    ///   `.custom` cluster id with `enabled` false, or `.zeroClusterID`.
    public func setRouteReflector(
        node name: String, enabled: Bool, clusterID: ClusterIDChange = .keep
    ) throws(StoreError) {
        try Self.checkClusterID(clusterID.storedValue, node: name, enabled: enabled)
        // Only a reflector has a cluster id, so keeping it is leaving the column alone.
        let keeping = enabled && clusterID == .keep
        let stored = clusterID.storedValue.map { SQLValue.int($0.rawValue) } ?? .null
        try write { () throws(StoreError) in
            let changed = try database.run(
                """
                UPDATE nodes SET route_reflector = ?2,
                    cluster_id = CASE WHEN ?4 THEN cluster_id ELSE ?3 END
                WHERE name = ?1
                """, [.text(name), .bool(enabled), stored, .bool(keeping)])
            guard changed == 1 else { throw .nodeNotFound(name) }
        }
    }

    /// Removes a node that has no containers and no node-specific peers left.
    ///
    /// - Throws: `StoreError.nodeNotFound` or `.nodeInUse`.
    public func removeNode(named name: String) throws(StoreError) {
        try write { () throws(StoreError) in
            guard try nodeExists(name) else { throw .nodeNotFound(name) }
            let containers = try count("SELECT count(*) FROM containers WHERE node = ?1", name)
            let peers = try count("SELECT count(*) FROM peers WHERE node = ?1", name)
            guard containers == 0, peers == 0 else {
                throw .nodeInUse(name, containers: containers, peers: peers)
            }
            try database.run("DELETE FROM nodes WHERE name = ?1", [.text(name)])
        }
    }

    /// The nodes by name.
    public func nodes() throws(StoreError) -> [Node] {
        try loadNodes()
    }

    /// The nodes by name, read inside the caller's transaction.
    func loadNodes() throws(StoreError) -> [Node] {
        let rows = try database.rows(
            """
            SELECT name, address, as_number, route_reflector, cluster_id, ipv6_address
            FROM nodes ORDER BY name
            """)
        return try rows.map { row throws(StoreError) in
            Node(
                name: row.string(0), address: IPv4Address(rawValue: row.uint32(1)),
                asNumber: row.optionalUInt32(2), routeReflector: row.bool(3),
                clusterID: row.optionalUInt32(4).map(IPv4Address.init(rawValue:)),
                ipv6Address: try storedIPv6Address(row[5]))
        }
    }

    /// A node's IPv6 address column: NULL for none, else an address brindlectl would accept.
    private func storedIPv6Address(_ value: SQLValue) throws(StoreError) -> IPv6Address? {
        guard value != .null else { return nil }
        guard let address = value.ipv6Address else {
            throw .badRow(table: "nodes", detail: "\(value) where an IPv6 address belongs")
        }
        do { try Self.checkNodeAddress(address) } catch {
            throw .badRow(table: "nodes", detail: "\(address), which a node may not have")
        }
        return address
    }

    /// Refuses an IPv6 address inside a pool or held by a node other than `name`
    /// (inside the caller's transaction).
    private func checkFreeIPv6(_ address: IPv6Address, for name: String) throws(StoreError) {
        try checkOutsidePools(.v6(address))
        let owner = try database.scalar(
            "SELECT name FROM nodes WHERE ipv6_address = ?1 AND name != ?2",
            [.ipv6(address), .text(name)])
        if let owner = owner?.text { throw .nodeAddressInUse(.v6(address), node: owner) }
    }

    /// Whether a node has this name.
    func nodeExists(_ name: String) throws(StoreError) -> Bool {
        try count("SELECT count(*) FROM nodes WHERE name = ?1", name) > 0
    }

    /// The single integer a `count(*)` query with one text parameter returns.
    func count(_ sql: String, _ parameter: String) throws(StoreError) -> Int {
        Int(try database.scalar(sql, [.text(parameter)])?.integer ?? 0)
    }
}
