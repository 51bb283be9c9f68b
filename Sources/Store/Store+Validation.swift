import BGPWire

extension Store {
    /// The longest node or container name accepted: a DNS label's 63 characters.
    static let maximumNameLength = 63

    /// Accepts 1 to 63 ASCII letters, digits, `.`, `-` and `_`, starting with a letter or
    /// digit, so that names are safe in file paths, interface lookups and log lines.
    static func checkName(_ name: String, kind: String) throws(StoreError) {
        let characters = Array(name.utf8)
        guard let first = characters.first, characters.count <= maximumNameLength,
            isAlphanumeric(first),
            characters.allSatisfy({ isAlphanumeric($0) || "._-".utf8.contains($0) })
        else { throw .invalidName(kind: kind, name: name) }
    }

    /// RFC 7607: AS 0 must not be used in a peering or as anyone's AS.
    static func checkASNumber(_ number: UInt32) throws(StoreError) {
        guard number != 0 else { throw .reservedASNumber(number) }
    }

    /// Refuses addresses a BGP speaker cannot have (RFC 6890): 0.0.0.0/8, loopback
    /// 127.0.0.0/8, multicast 224.0.0.0/4 and 240.0.0.0/4 with the broadcast address.
    static func checkSpeakerAddress(_ address: IPv4Address) throws(StoreError) {
        if let reason = address.specialPurpose {
            throw .unusableAddress(.v4(address), reason: reason)
        }
    }

    /// Refuses IPv6 addresses a node cannot route with (RFC 4291 §2.4): the unspecified
    /// address, loopback, multicast, and link-local ones, which are no global next hop.
    static func checkNodeAddress(_ address: IPv6Address) throws(StoreError) {
        if let reason = IPAddress.v6(address).specialPurpose {
            throw .unusableAddress(.v6(address), reason: reason)
        }
    }

    /// Only a route reflector has a cluster id (RFC 4456 §7), and it is not zero, since it
    /// stands in for the router id, which RFC 4271 §6.2 forbids to be zero.
    static func checkClusterID(_ clusterID: IPv4Address?, node: String, enabled: Bool)
        throws(StoreError)
    {
        guard let clusterID else { return }
        guard enabled else { throw .clusterIDWithoutRouteReflector(node) }
        guard clusterID != .zero else { throw .zeroClusterID(node) }
    }

    /// Refuses a node or peer address inside a pool (inside the caller's transaction).
    func checkOutsidePools(_ address: IPAddress) throws(StoreError) {
        if let pool = try loadPools().first(where: { $0.cidr.contains(address) }) {
            throw .addressInPool(address, pool: pool.cidr)
        }
    }

    /// Refuses a listen range that shares addresses with a pool (inside the caller's
    /// transaction): a container address is never a BGP speaker, as for `checkOutsidePools`.
    func checkOutsidePools(_ range: IPv4Prefix) throws(StoreError) {
        let pools = try loadPools().compactMap(\.cidr.ipv4)
        if let pool = pools.first(where: { Self.overlap($0, range) }) {
            throw .listenRangeOverlapsPool(range, pool: pool)
        }
    }

    /// Refuses an IPv4 pool that shares addresses with a listen range (inside the caller's
    /// transaction); listen ranges are IPv4 only.
    func checkOutsideListenRanges(_ pool: IPv4Prefix) throws(StoreError) {
        if let range = try loadListenRanges().first(where: { Self.overlap($0.prefix, pool) }) {
            throw .poolOverlapsListenRange(.v4(pool), listenRange: range.prefix)
        }
    }

    /// Whether two prefixes share an address; of two such prefixes one contains the other.
    static func overlap(_ first: IPv4Prefix, _ second: IPv4Prefix) -> Bool {
        first.contains(second) || second.contains(first)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (0x30...0x39).contains(byte) || (0x41...0x5A).contains(byte)
            || (0x61...0x7A).contains(byte)
    }
}

extension Store {
    /// Whether `name` is acceptable as a node or container name, so a command-line tool
    /// can reject a bad one before opening the store.
    public static func isValidName(_ name: String) -> Bool {
        (try? checkName(name, kind: "")) != nil
    }
}
