import BGPWire

extension Store {
    /// Allocates the lowest free address of `pool`, or of the first enabled pool (in
    /// address order) that has one when `pool` is nil. Network and broadcast addresses
    /// count as free like any other: each address is routed as a /32.
    ///
    /// - Returns: the address.
    /// - Throws: `StoreError.containerNotFound`, `.poolNotFound`, `.poolDisabled`,
    ///   `.poolExhausted`, or `.noFreeAddress` when no enabled pool has room.
    public func allocate(container: String, pool: IPv4Prefix?) throws(StoreError)
        -> IPv4Address
    {
        try write { () throws(StoreError) in
            try requireContainer(container)
            return try insertAllocation(container: container, request: .pool(pool))
        }
    }

    /// Gives `container` this exact address.
    ///
    /// - Throws: `StoreError.containerNotFound`, `.addressNotInPool`,
    ///   `.addressInDisabledPool`, or `.addressTaken`.
    public func assign(container: String, address: IPv4Address) throws(StoreError) {
        try write { () throws(StoreError) in
            try requireContainer(container)
            _ = try insertAllocation(container: container, request: .address(address))
        }
    }

    /// Frees an allocated address.
    ///
    /// - Throws: `StoreError.addressNotAllocated`.
    public func release(address: IPv4Address) throws(StoreError) {
        try write { () throws(StoreError) in
            let removed = try database.run(
                "DELETE FROM allocations WHERE address = ?1", [.int(address.rawValue)])
            guard removed == 1 else { throw .addressNotAllocated(address) }
        }
    }

    /// The allocations in address order.
    public func allocations() throws(StoreError) -> [Allocation] {
        try loadAllocations()
    }

    /// The allocations in address order, read inside the caller's transaction.
    func loadAllocations() throws(StoreError) -> [Allocation] {
        let rows = try database.rows(
            "SELECT address, container, pool_address, pool_length FROM allocations"
                + " ORDER BY address")
        return rows.map {
            Allocation(
                address: IPv4Address(rawValue: $0.uint32(0)), container: $0.string(1),
                pool: $0.prefix(2))
        }
    }

    // MARK: - Inside a write transaction

    /// Picks or checks the address and records it; the caller holds the write lock, so
    /// no other process can take the address in between.
    func insertAllocation(container: String, request: AddressRequest) throws(StoreError)
        -> IPv4Address
    {
        let (address, pool) = try choose(request)
        try database.run(
            "INSERT INTO allocations VALUES (?1, ?2, ?3, ?4)",
            [
                .int(address.rawValue), .text(container), .int(pool.address.rawValue),
                .int(pool.length),
            ])
        return address
    }

    private func choose(_ request: AddressRequest) throws(StoreError)
        -> (IPv4Address, IPv4Prefix)
    {
        let pools = try loadPools()
        switch request {
        case .address(let address): return (address, try poolForAssignment(address, pools))
        case .pool(let cidr?): return try nextFree(in: requireEnabled(cidr, pools))
        case .pool(nil):
            for pool in pools where !pool.disabled {
                if let address = try firstFreeAddress(in: pool.cidr) { return (address, pool.cidr) }
            }
            throw .noFreeAddress
        }
    }

    private func requireEnabled(_ cidr: IPv4Prefix, _ pools: [Pool]) throws(StoreError)
        -> IPv4Prefix
    {
        guard let pool = pools.first(where: { $0.cidr == cidr }) else { throw .poolNotFound(cidr) }
        guard !pool.disabled else { throw .poolDisabled(cidr) }
        return cidr
    }

    private func nextFree(in cidr: IPv4Prefix) throws(StoreError) -> (IPv4Address, IPv4Prefix) {
        guard let address = try firstFreeAddress(in: cidr) else { throw .poolExhausted(cidr) }
        return (address, cidr)
    }

    private func poolForAssignment(_ address: IPv4Address, _ pools: [Pool]) throws(StoreError)
        -> IPv4Prefix
    {
        guard let pool = pools.first(where: { $0.cidr.contains(address) }) else {
            throw .addressNotInPool(address)
        }
        guard !pool.disabled else { throw .addressInDisabledPool(address, pool: pool.cidr) }
        let owner = try database.scalar(
            "SELECT container FROM allocations WHERE address = ?1", [.int(address.rawValue)])
        if let owner = owner?.text { throw .addressTaken(address, container: owner) }
        return pool.cidr
    }

    /// Walks the pool's allocated addresses in ascending order (one range scan of the
    /// address key) and returns the first address where the run of taken ones breaks.
    private func firstFreeAddress(in cidr: IPv4Prefix) throws(StoreError) -> IPv4Address? {
        let last = Int64(cidr.lastAddress.rawValue)
        var candidate = Int64(cidr.address.rawValue)
        let taken = try database.prepare(
            "SELECT address FROM allocations WHERE address BETWEEN ?1 AND ?2 ORDER BY address",
            [.integer(candidate), .integer(last)])
        while try taken.step(), taken.value(at: 0).integer == candidate {
            candidate += 1
        }
        guard candidate <= last else { return nil }
        return IPv4Address(rawValue: UInt32(candidate))
    }

    private func requireContainer(_ name: String) throws(StoreError) {
        guard try count("SELECT count(*) FROM containers WHERE name = ?1", name) > 0 else {
            throw .containerNotFound(name)
        }
    }
}
