import BGPWire

/// How a container gets an address.
public enum AddressRequest: Equatable, Sendable {
    /// The next free address of the given pool, or with nil of the first enabled IPv4 pool
    /// that has one: IPv4 stays the family a container gets without asking.
    case pool(IPPrefix?)
    /// The next free address of the first enabled pool of this family that has one.
    case family(AFI)
    /// This address, which must be free and lie in an enabled pool.
    case address(IPAddress)
}
