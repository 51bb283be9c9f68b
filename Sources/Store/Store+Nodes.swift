import BGPWire

extension Store {
    /// Adds a node.
    ///
    /// - Throws: `StoreError.invalidName`, `.reservedASNumber`, `.nodeExists`, or
    ///   `.nodeAddressInUse` if another node has the address.
    public func addNode(_ node: Node) throws(StoreError) {
        try Self.checkName(node.name, kind: "node")
        if let asNumber = node.asNumber { try Self.checkASNumber(asNumber) }
        try Self.checkSpeakerAddress(node.address)
        try write { () throws(StoreError) in
            guard try !nodeExists(node.name) else { throw .nodeExists(node.name) }
            try checkOutsidePools(node.address)
            let owner = try database.scalar(
                "SELECT name FROM nodes WHERE address = ?1", [.int(node.address.rawValue)])
            if let owner = owner?.text { throw .nodeAddressInUse(node.address, node: owner) }

            try database.run(
                "INSERT INTO nodes VALUES (?1, ?2, ?3)",
                [
                    .text(node.name), .int(node.address.rawValue),
                    node.asNumber.map(SQLValue.int) ?? .null,
                ])
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
        try database.rows("SELECT name, address, as_number FROM nodes ORDER BY name").map {
            Node(
                name: $0.string(0), address: IPv4Address(rawValue: $0.uint32(1)),
                asNumber: $0.optionalUInt32(2))
        }
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
