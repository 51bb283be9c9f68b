import BGPWire

/// Everything that can go wrong in the store, each case with a one-line description fit
/// for an operator.
///
/// The cases fall in two kinds: the store file itself is unusable or SQLite failed
/// (`notAStore`, `corrupt`, `newerSchema`, `sqlite`), or a request broke a rule of the
/// cluster model (everything else), in which case nothing was changed.
public enum StoreError: Error, Equatable, Sendable {
    /// The file exists but is not a Brindle store; `reason` says why.
    case notAStore(path: String, reason: String)
    /// The file failed `PRAGMA quick_check`; `detail` is SQLite's first complaint.
    case corrupt(path: String, detail: String)
    /// A row holds a value brindlectl never writes: the file was changed by other means.
    case badRow(table: String, detail: String)
    /// The file was written by a newer Brindle with a schema this one does not know.
    case newerSchema(path: String, version: Int32)
    /// SQLite reported `code` while doing `operation`.
    case sqlite(operation: String, code: Int32, message: String)

    /// A name (node or container) is empty, too long or has characters outside
    /// letters, digits, `.`, `-` and `_`.
    case invalidName(kind: String, name: String)
    /// AS 0 is reserved and must not be used (RFC 7607).
    case reservedASNumber(UInt32)
    /// An address no host or router can have: unspecified, loopback, multicast, reserved
    /// or (IPv6) link-local.
    case unusableAddress(IPAddress, reason: String)
    /// A node's or peer's address inside a pool, where container addresses come from.
    case addressInPool(IPAddress, pool: IPPrefix)

    /// A pool with this CIDR exists already.
    case poolExists(IPPrefix)
    /// The new pool overlaps an existing one, so an address would have two pools.
    case poolOverlaps(IPPrefix, existing: IPPrefix)
    /// The new pool shares addresses with a listen range, whose addresses are BGP speakers,
    /// never containers.
    case poolOverlapsListenRange(IPPrefix, listenRange: IPv4Prefix)
    /// No pool has this CIDR.
    case poolNotFound(IPPrefix)
    /// The pool still has allocated addresses.
    case poolInUse(IPPrefix, allocations: Int)
    /// The pool is disabled, so nothing may be allocated from it.
    case poolDisabled(IPPrefix)
    /// Every address of the pool is allocated.
    case poolExhausted(IPPrefix)
    /// Automatic allocation found no enabled pool of the family with a free address.
    case noFreeAddress(AFI)
    /// An IPv6 pool with IP-in-IP, which carries IPv4 packets only (RFC 2003).
    case ipipNeedsIPv4(IPPrefix)
    /// An IPv6 pool shorter than `Pool.shortestIPv6Length`.
    case poolTooLarge(IPPrefix, shortestLength: UInt8)
    /// A pool of addresses no container can have, such as link-local or multicast ones;
    /// `reason` says what its network address is.
    case unusablePool(IPPrefix, reason: String)

    /// A node with this name exists already.
    case nodeExists(String)
    /// No node has this name.
    case nodeNotFound(String)
    /// Another node already has this address.
    case nodeAddressInUse(IPAddress, node: String)
    /// The node still has containers or node-specific BGP peers.
    case nodeInUse(String, containers: Int, peers: Int)
    /// A cluster id was given for a node that is not a route reflector (RFC 4456 §7).
    case clusterIDWithoutRouteReflector(String)
    /// A cluster id of 0.0.0.0, which would stand in for a router id that RFC 4271 §6.2
    /// forbids to be zero.
    case zeroClusterID(String)

    /// A peer with this address and scope exists already; `node` nil means global.
    case peerExists(IPv4Address, node: String?)
    /// No peer with this address and scope.
    case peerNotFound(IPv4Address, node: String?)
    /// A peer's prefix limit outside 1 to `BGPPeer.maximumLimitValue`.
    case invalidMaxPrefixes(Int)
    /// A peer's restart time after its prefix limit outside 1 to
    /// `BGPPeer.maximumLimitValue` seconds.
    case invalidMaxPrefixRestart(Int)
    /// A restart time given for a peer without a prefix limit.
    case maxPrefixRestartWithoutLimit

    /// A listen range with this prefix exists already.
    case listenRangeExists(IPv4Prefix)
    /// The new listen range overlaps an existing one, so a neighbour would match two.
    case listenRangeOverlaps(IPv4Prefix, existing: IPv4Prefix)
    /// The new listen range shares addresses with a pool, whose container addresses are
    /// never BGP speakers.
    case listenRangeOverlapsPool(IPv4Prefix, pool: IPv4Prefix)
    /// No listen range has this prefix.
    case listenRangeNotFound(IPv4Prefix)
    /// A listen range's peer limit below 1.
    case invalidPeerLimit(Int)

    /// A container with this name exists already.
    case containerExists(String)
    /// No container has this name.
    case containerNotFound(String)
    /// Another container already uses this host interface name.
    case interfaceInUse(String, container: String)

    /// The address lies in no pool.
    case addressNotInPool(IPAddress)
    /// The address lies in a disabled pool.
    case addressInDisabledPool(IPAddress, pool: IPPrefix)
    /// The address is allocated to a container already.
    case addressTaken(IPAddress, container: String)
    /// The address is not allocated to anyone.
    case addressNotAllocated(IPAddress)
}
