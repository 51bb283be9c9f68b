import BGPWire

/// One address allocated to a container from a pool.
public struct Allocation: Equatable, Sendable {
    /// The allocated address.
    public var address: IPv4Address
    /// The container that holds it.
    public var container: String
    /// The pool it came from.
    public var pool: IPv4Prefix

    /// Creates an allocation from its parts.
    public init(address: IPv4Address, container: String, pool: IPv4Prefix) {
        self.address = address
        self.container = container
        self.pool = pool
    }
}
