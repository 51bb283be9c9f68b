import BGPWire

extension Store {
    /// Adds a BGP peer, global (`node` nil) or for one node.
    ///
    /// - Throws: `StoreError.reservedASNumber`, `.invalidMaxPrefixes` or
    ///   `.invalidMaxPrefixRestart` for a value outside 1 to `BGPPeer.maximumLimitValue`,
    ///   `.maxPrefixRestartWithoutLimit`, `.nodeNotFound` for an unknown node, or
    ///   `.peerExists` if a peer with the same address and scope is there.
    public func addPeer(_ peer: BGPPeer) throws(StoreError) {
        try Self.checkASNumber(peer.asNumber)
        try Self.checkSpeakerAddress(peer.address)
        try Self.checkPrefixLimit(of: peer)
        try write { () throws(StoreError) in
            try checkOutsidePools(.v4(peer.address))
            if let node = peer.node, try !nodeExists(node) { throw .nodeNotFound(node) }
            guard try !peerExists(peer.address, node: peer.node) else {
                throw .peerExists(peer.address, node: peer.node)
            }
            try database.run(
                "INSERT INTO peers VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                [
                    .int(peer.address.rawValue), .int(peer.asNumber), .optional(peer.node),
                    .int(peer.passive ? 1 : 0), peer.maxPrefixes.map(SQLValue.int) ?? .null,
                    peer.maxPrefixRestart.map(SQLValue.int) ?? .null, .text(peer.export.rawValue),
                ])
        }
    }

    /// Removes the peer with this address and scope (`node` nil for the global one).
    ///
    /// - Throws: `StoreError.peerNotFound`.
    public func removePeer(address: IPv4Address, node: String?) throws(StoreError) {
        try write { () throws(StoreError) in
            let removed = try database.run(
                "DELETE FROM peers WHERE address = ?1 AND node IS ?2",
                [.int(address.rawValue), .optional(node)])
            guard removed == 1 else { throw .peerNotFound(address, node: node) }
        }
    }

    /// The peers in address order, the global one before node-specific ones.
    public func peers() throws(StoreError) -> [BGPPeer] {
        try loadPeers()
    }

    /// The peers in address order, read inside the caller's transaction.
    func loadPeers() throws(StoreError) -> [BGPPeer] {
        let rows = try database.rows(
            """
            SELECT address, as_number, node, passive, max_prefixes, max_prefix_restart, export
            FROM peers ORDER BY address, node NULLS FIRST
            """)
        return rows.map {
            BGPPeer(
                address: IPv4Address(rawValue: $0.uint32(0)), asNumber: $0.uint32(1),
                node: $0[2].text, passive: $0.uint32(3) != 0,
                maxPrefixes: $0[4].integer.map(Int.init),
                maxPrefixRestart: $0[5].integer.map(Int.init),
                export: $0[6].text.flatMap(ExportScope.init(rawValue:)) ?? .pools)
        }
    }

    /// A limit and a restart time fit the four octets of RFC 4486 §4's upper bound, and a
    /// restart time only follows a limit.
    private static func checkPrefixLimit(of peer: BGPPeer) throws(StoreError) {
        let range = 1...BGPPeer.maximumLimitValue
        if let limit = peer.maxPrefixes, !range.contains(limit) {
            throw .invalidMaxPrefixes(limit)
        }
        guard let restart = peer.maxPrefixRestart else { return }
        guard peer.maxPrefixes != nil else { throw .maxPrefixRestartWithoutLimit }
        guard range.contains(restart) else { throw .invalidMaxPrefixRestart(restart) }
    }

    private func peerExists(_ address: IPv4Address, node: String?) throws(StoreError) -> Bool {
        let found = try database.scalar(
            "SELECT 1 FROM peers WHERE address = ?1 AND node IS ?2",
            [.int(address.rawValue), .optional(node)])
        return found != nil
    }
}
