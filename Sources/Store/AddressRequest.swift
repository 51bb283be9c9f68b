import BGPWire

/// How a container gets an address.
public enum AddressRequest: Equatable, Sendable {
    /// The next free address of the given pool, or of the first enabled pool with one.
    case pool(IPv4Prefix?)
    /// This address, which must be free and lie in an enabled pool.
    case address(IPv4Address)
}
