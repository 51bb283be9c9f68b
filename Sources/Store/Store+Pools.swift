import BGPWire

extension Store {
    /// Adds an address pool.
    ///
    /// - Throws: `StoreError.poolExists`, `.poolOverlaps` if it shares addresses with a
    ///   pool already there (each address must belong to exactly one pool), or
    ///   `.poolOverlapsListenRange` if it shares addresses with a listen range.
    public func addPool(_ pool: Pool) throws(StoreError) {
        try write { () throws(StoreError) in
            for existing in try loadPools() {
                guard existing.cidr != pool.cidr else { throw .poolExists(pool.cidr) }
                guard !Self.overlap(existing.cidr, pool.cidr) else {
                    throw .poolOverlaps(pool.cidr, existing: existing.cidr)
                }
            }
            try checkOutsideListenRanges(pool.cidr)
            try database.run(
                "INSERT INTO pools VALUES (?1, ?2, ?3, ?4, ?5)",
                [
                    .int(pool.cidr.address.rawValue), .int(pool.cidr.length), .bool(pool.ipip),
                    .bool(pool.natOutgoing), .bool(pool.disabled),
                ])
        }
    }

    /// Removes an empty pool.
    ///
    /// - Throws: `StoreError.poolNotFound`, or `.poolInUse` while any address of the pool
    ///   is allocated.
    public func removePool(_ cidr: IPv4Prefix) throws(StoreError) {
        try write { () throws(StoreError) in
            let key: [SQLValue] = [.int(cidr.address.rawValue), .int(cidr.length)]
            let count =
                try database.scalar(
                    "SELECT count(*) FROM allocations WHERE pool_address = ?1 AND pool_length = ?2",
                    key)?.integer ?? 0
            guard count == 0 else { throw .poolInUse(cidr, allocations: Int(count)) }

            let removed = try database.run(
                "DELETE FROM pools WHERE address = ?1 AND length = ?2", key)
            guard removed == 1 else { throw .poolNotFound(cidr) }
        }
    }

    /// The pools in address order.
    public func pools() throws(StoreError) -> [Pool] {
        try loadPools()
    }

    /// The pools in address order, read inside the caller's transaction.
    func loadPools() throws(StoreError) -> [Pool] {
        let rows = try database.rows(
            "SELECT address, length, ipip, nat_outgoing, disabled FROM pools ORDER BY address")
        return rows.map { row in
            Pool(
                cidr: row.prefix(0), ipip: row.bool(2), natOutgoing: row.bool(3),
                disabled: row.bool(4))
        }
    }
}
