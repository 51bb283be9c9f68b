import BGPWire

/// One address allocated to a container from a pool.
public struct Allocation: Equatable, Sendable {
    /// The allocated address, of the pool's family.
    public var address: IPAddress
    /// The container that holds it.
    public var container: String
    /// The pool it came from.
    public var pool: IPPrefix

    /// Creates an allocation from its parts.
    public init(address: IPAddress, container: String, pool: IPPrefix) {
        self.address = address
        self.container = container
        self.pool = pool
    }
}
