import BGPWire

extension Store {
    /// Adds a listen range for dynamic neighbours.
    ///
    /// An `IPv4Prefix` never has host bits set, so the range is always a network; a
    /// command line refuses text such as `10.0.0.1/24` before it gets here.
    ///
    /// - Throws: `StoreError.reservedASNumber`, `.invalidPeerLimit` for a limit below 1,
    ///   `.listenRangeExists`, `.listenRangeOverlaps` if it shares addresses with a
    ///   range already there (a connecting neighbour must match exactly one range), or
    ///   `.listenRangeOverlapsPool` if it shares addresses with a pool.
    public func addListenRange(_ range: ListenRange) throws(StoreError) {
        try Self.checkASNumber(range.asNumber)
        if let limit = range.limit, limit < 1 { throw .invalidPeerLimit(limit) }
        try write { () throws(StoreError) in
            for existing in try loadListenRanges().map(\.prefix) {
                guard existing != range.prefix else { throw .listenRangeExists(range.prefix) }
                guard !Self.overlap(existing, range.prefix) else {
                    throw .listenRangeOverlaps(range.prefix, existing: existing)
                }
            }
            try checkOutsidePools(range.prefix)
            try database.run(
                "INSERT INTO listen_ranges VALUES (?1, ?2, ?3, ?4)",
                [
                    .int(range.prefix.address.rawValue), .int(range.prefix.length),
                    .int(range.asNumber), range.limit.map(SQLValue.int) ?? .null,
                ])
        }
    }

    /// Removes the listen range with this prefix; neighbours already connected from it are
    /// the daemon's to drop.
    ///
    /// - Throws: `StoreError.listenRangeNotFound`.
    public func removeListenRange(_ prefix: IPv4Prefix) throws(StoreError) {
        try write { () throws(StoreError) in
            let removed = try database.run(
                "DELETE FROM listen_ranges WHERE address = ?1 AND length = ?2",
                [.int(prefix.address.rawValue), .int(prefix.length)])
            guard removed == 1 else { throw .listenRangeNotFound(prefix) }
        }
    }

    /// The listen ranges in prefix order.
    public func listenRanges() throws(StoreError) -> [ListenRange] {
        try loadListenRanges()
    }

    /// The listen ranges in prefix order, read inside the caller's transaction.
    func loadListenRanges() throws(StoreError) -> [ListenRange] {
        let rows = try database.rows(
            """
            SELECT address, length, as_number, peer_limit FROM listen_ranges
            ORDER BY address, length
            """)
        return rows.map {
            ListenRange(
                prefix: $0.prefix(0), asNumber: $0.uint32(2), limit: $0[3].integer.map(Int.init))
        }
    }
}
