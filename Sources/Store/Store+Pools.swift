import BGPWire

extension Store {
    /// Adds an address pool of either family.
    ///
    /// - Throws: `StoreError.ipipNeedsIPv4` for an IPv6 pool with `ipip`,
    ///   `.poolTooLarge` for an IPv6 pool shorter than `Pool.shortestIPv6Length`,
    ///   `.unusablePool` for one of unspecified, loopback, link-local or multicast
    ///   addresses, `.poolExists`, `.poolOverlaps` if it shares addresses with a pool
    ///   already there (each address must belong to exactly one pool), or
    ///   `.poolOverlapsListenRange` if an IPv4 pool shares addresses with a listen range.
    public func addPool(_ pool: Pool) throws(StoreError) {
        try Self.checkPool(pool)
        try write { () throws(StoreError) in
            for existing in try loadPools() {
                guard existing.cidr != pool.cidr else { throw .poolExists(pool.cidr) }
                guard !existing.cidr.overlaps(pool.cidr) else {
                    throw .poolOverlaps(pool.cidr, existing: existing.cidr)
                }
            }
            if let cidr = pool.cidr.ipv4 { try checkOutsideListenRanges(cidr) }
            try database.run(
                "INSERT INTO \(AddressTables(pool.cidr.afi).pools) VALUES (?1, ?2, ?3, ?4, ?5)",
                SQLValue.key(pool.cidr)
                    + [.bool(pool.ipip), .bool(pool.natOutgoing), .bool(pool.disabled)])
        }
    }

    /// Removes an empty pool.
    ///
    /// - Throws: `StoreError.poolNotFound`, or `.poolInUse` while any address of the pool
    ///   is allocated.
    public func removePool(_ cidr: IPPrefix) throws(StoreError) {
        let tables = AddressTables(cidr.afi)
        try write { () throws(StoreError) in
            let key = SQLValue.key(cidr)
            let count =
                try database.scalar(
                    "SELECT count(*) FROM \(tables.allocations)"
                        + " WHERE pool_address = ?1 AND pool_length = ?2", key)?.integer ?? 0
            guard count == 0 else { throw .poolInUse(cidr, allocations: Int(count)) }

            let removed = try database.run(
                "DELETE FROM \(tables.pools) WHERE address = ?1 AND length = ?2", key)
            guard removed == 1 else { throw .poolNotFound(cidr) }
        }
    }

    /// The pools in address order, IPv4 before IPv6.
    public func pools() throws(StoreError) -> [Pool] {
        try loadPools()
    }

    /// The pools in address order, IPv4 before IPv6, read inside the caller's transaction.
    func loadPools() throws(StoreError) -> [Pool] {
        var pools: [Pool] = []
        for tables in AddressTables.all {
            let rows = try database.rows(
                "SELECT address, length, ipip, nat_outgoing, disabled FROM \(tables.pools)"
                    + " ORDER BY address")
            pools += try rows.map { row throws(StoreError) in
                let cidr = try row.prefix(0, tables.afi, in: tables.pools)
                if case .v6(let prefix) = cidr, prefix.length < Pool.shortestIPv6Length {
                    throw .badRow(table: tables.pools, detail: "\(prefix), shorter than a /48")
                }
                return Pool(
                    cidr: cidr, ipip: row.bool(2), natOutgoing: row.bool(3), disabled: row.bool(4))
            }
        }
        return pools
    }

    /// The rules for an IPv6 pool: no IP-in-IP, which carries IPv4 only (RFC 2003), a /48 or
    /// longer, and addresses a host may have (RFC 4291 §2.4); a pool of /48 or longer lies
    /// wholly inside or outside fe80::/10 and ff00::/8, so its network address tells.
    private static func checkPool(_ pool: Pool) throws(StoreError) {
        guard case .v6(let cidr) = pool.cidr else { return }
        guard !pool.ipip else { throw .ipipNeedsIPv4(pool.cidr) }
        guard cidr.length >= Pool.shortestIPv6Length else {
            throw .poolTooLarge(pool.cidr, shortestLength: Pool.shortestIPv6Length)
        }
        if let reason = pool.cidr.address.specialPurpose {
            throw .unusablePool(pool.cidr, reason: reason)
        }
    }
}
