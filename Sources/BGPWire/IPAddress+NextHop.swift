extension IPAddress {
    /// Why no router can have the address, so that routes cannot go through it, or nil for
    /// an address that can be a next hop. IPv4: the blocks of `IPv4Address.specialPurpose`
    /// (RFC 6890). IPv6: those of `IPv6Address.specialPurpose` and link-local addresses (RFC
    /// 4291 §2.4), since RFC 2545 §3 has the next hop start with a global address.
    public var unusableAsNextHop: String? {
        switch self {
        case .v4(let address):
            return address.specialPurpose
        case .v6(let address):
            return address.isLinkLocal ? "a link-local address" : address.specialPurpose
        }
    }
}
