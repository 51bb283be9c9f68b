import BGPWire

extension Store {
    /// Allocates the lowest free address of `pool`, or of the first enabled IPv4 pool (in
    /// address order) that has one when `pool` is nil. Network and broadcast addresses
    /// count as free like any other: each address is routed as a host route.
    ///
    /// - Returns: the address.
    /// - Throws: `StoreError.containerNotFound`, `.poolNotFound`, `.poolDisabled`,
    ///   `.poolExhausted`, or `.noFreeAddress` when no enabled IPv4 pool has room.
    public func allocate(container: String, pool: IPPrefix?) throws(StoreError) -> IPAddress {
        try allocate(container: container, request: .pool(pool))
    }

    /// Allocates the lowest free address of the first enabled pool of `family` that has
    /// one.
    ///
    /// - Throws: `StoreError.containerNotFound`, or `.noFreeAddress` when no enabled pool
    ///   of the family has room.
    public func allocate(container: String, family: AFI) throws(StoreError) -> IPAddress {
        try allocate(container: container, request: .family(family))
    }

    /// Gives `container` this exact address, of either family.
    ///
    /// - Throws: `StoreError.containerNotFound`, `.addressNotInPool`,
    ///   `.addressInDisabledPool`, or `.addressTaken`.
    public func assign(container: String, address: IPAddress) throws(StoreError) {
        _ = try allocate(container: container, request: .address(address))
    }

    /// Frees an allocated address.
    ///
    /// - Throws: `StoreError.addressNotAllocated`.
    public func release(address: IPAddress) throws(StoreError) {
        try write { () throws(StoreError) in
            let removed = try database.run(
                "DELETE FROM \(AddressTables(address.afi).allocations) WHERE address = ?1",
                [.address(address)])
            guard removed == 1 else { throw .addressNotAllocated(address) }
        }
    }

    /// The allocations in address order, IPv4 before IPv6.
    public func allocations() throws(StoreError) -> [Allocation] {
        try loadAllocations()
    }

    /// The allocations in address order, IPv4 before IPv6, read inside the caller's
    /// transaction.
    func loadAllocations() throws(StoreError) -> [Allocation] {
        var allocations: [Allocation] = []
        for tables in AddressTables.all {
            let rows = try database.rows(
                "SELECT address, container, pool_address, pool_length FROM \(tables.allocations)"
                    + " ORDER BY address")
            allocations += try rows.map { row throws(StoreError) in
                Allocation(
                    address: try row.address(0, tables.afi, in: tables.allocations),
                    container: row.string(1),
                    pool: try row.prefix(2, tables.afi, in: tables.allocations))
            }
        }
        return allocations
    }

    private func allocate(container: String, request: AddressRequest) throws(StoreError)
        -> IPAddress
    {
        try write { () throws(StoreError) in
            try requireContainer(container)
            return try insertAllocation(container: container, request: request)
        }
    }

    // MARK: - Inside a write transaction

    /// Picks or checks the address and records it; the caller holds the write lock, so
    /// no other process can take the address in between, and the table's key refuses a
    /// second row for it all the same.
    func insertAllocation(container: String, request: AddressRequest) throws(StoreError)
        -> IPAddress
    {
        let (address, pool) = try choose(request)
        try database.run(
            "INSERT INTO \(AddressTables(address.afi).allocations) VALUES (?1, ?2, ?3, ?4)",
            [.address(address), .text(container)] + SQLValue.key(pool))
        return address
    }

    /// Whether an enabled pool of `afi` exists, free addresses or not.
    func hasEnabledPool(_ afi: AFI) throws(StoreError) -> Bool {
        try loadPools().contains { $0.cidr.afi == afi && !$0.disabled }
    }

    private func choose(_ request: AddressRequest) throws(StoreError) -> (IPAddress, IPPrefix) {
        let pools = try loadPools()
        switch request {
        case .address(let address): return (address, try poolForAssignment(address, pools))
        case .pool(let cidr?): return try nextFree(in: requireEnabled(cidr, pools))
        case .pool(nil): return try firstFree(of: .ipv4, pools)
        case .family(let afi): return try firstFree(of: afi, pools)
        }
    }

    private func firstFree(of afi: AFI, _ pools: [Pool]) throws(StoreError)
        -> (IPAddress, IPPrefix)
    {
        for pool in pools where pool.cidr.afi == afi && !pool.disabled {
            if let address = try firstFreeAddress(in: pool.cidr) { return (address, pool.cidr) }
        }
        throw .noFreeAddress(afi)
    }

    private func requireEnabled(_ cidr: IPPrefix, _ pools: [Pool]) throws(StoreError) -> IPPrefix {
        guard let pool = pools.first(where: { $0.cidr == cidr }) else { throw .poolNotFound(cidr) }
        guard !pool.disabled else { throw .poolDisabled(cidr) }
        return cidr
    }

    private func nextFree(in cidr: IPPrefix) throws(StoreError) -> (IPAddress, IPPrefix) {
        guard let address = try firstFreeAddress(in: cidr) else { throw .poolExhausted(cidr) }
        return (address, cidr)
    }

    private func poolForAssignment(_ address: IPAddress, _ pools: [Pool]) throws(StoreError)
        -> IPPrefix
    {
        guard let pool = pools.first(where: { $0.cidr.contains(address) }) else {
            throw .addressNotInPool(address)
        }
        guard !pool.disabled else { throw .addressInDisabledPool(address, pool: pool.cidr) }
        let owner = try database.scalar(
            "SELECT container FROM \(AddressTables(address.afi).allocations) WHERE address = ?1",
            [.address(address)])
        if let owner = owner?.text { throw .addressTaken(address, container: owner) }
        return pool.cidr
    }

    /// Walks the pool's allocated addresses in ascending order (one range scan of the
    /// address key) and returns the first address where the run of taken ones breaks, so
    /// the cost follows the allocations, never the size of the pool (an IPv6 /64 has 2^64).
    private func firstFreeAddress(in cidr: IPPrefix) throws(StoreError) -> IPAddress? {
        let last = cidr.lastAddress
        var candidate = cidr.address
        let taken = try database.prepare(
            "SELECT address FROM \(AddressTables(cidr.afi).allocations)"
                + " WHERE address BETWEEN ?1 AND ?2 ORDER BY address",
            [.address(candidate), .address(last)])
        while try taken.step(), taken.value(at: 0) == .address(candidate) {
            guard candidate != last, let next = candidate.successor else { return nil }
            candidate = next
        }
        return candidate
    }

    private func requireContainer(_ name: String) throws(StoreError) {
        guard try count("SELECT count(*) FROM containers WHERE name = ?1", name) > 0 else {
            throw .containerNotFound(name)
        }
    }
}
