import BGPWire

extension IPAddress {
    /// The next address of the family, or nil after the last one.
    var successor: IPAddress? {
        switch self {
        case .v4(let address):
            guard address.rawValue < .max else { return nil }
            return .v4(IPv4Address(rawValue: address.rawValue + 1))
        case .v6(let address):
            guard address.high < .max || address.low < .max else { return nil }
            let (low, carry) = address.low.addingReportingOverflow(1)
            return .v6(IPv6Address(high: address.high &+ (carry ? 1 : 0), low: low))
        }
    }

    /// Why no host or router can have the address (RFC 6890 for IPv4; for IPv6 RFC 4291
    /// §2.4: unspecified, loopback, link-local, multicast; §2.5.5: IPv4-compatible and
    /// IPv4-mapped, which stand for IPv4 addresses; RFC 3879: site-local; RFC 6666:
    /// discard-only), or nil if one can.
    var specialPurpose: String? {
        switch self {
        case .v4(let address): address.specialPurpose
        case .v6(let address): Self.specialPurpose(address)
        }
    }

    private static func specialPurpose(_ address: IPv6Address) -> String? {
        if address == .unspecified { return "the unspecified address" }
        if address == IPv6Address(high: 0, low: 1) { return "the loopback address" }
        if address.isLinkLocal { return "a link-local address (fe80::/10)" }
        if address.high >> 56 == 0xFF { return "a multicast address (ff00::/8)" }
        if address.isIPv4Mapped { return "an IPv4-mapped address (::ffff:0:0/96)" }
        if address.high == 0, address.low >> 32 == 0 {
            return "an IPv4-compatible address (::/96, deprecated)"
        }
        if address.high >> 54 == 0x3FB { return "a site-local address (fec0::/10, deprecated)" }
        if address.high == 0x0100 << 48 { return "a discard-only address (100::/64)" }
        return nil
    }
}

extension IPPrefix {
    /// The last address the prefix covers.
    var lastAddress: IPAddress {
        switch self {
        case .v4(let prefix): .v4(prefix.lastAddress)
        case .v6(let prefix): .v6(prefix.lastAddress)
        }
    }
}

extension AFI {
    /// "IPv4" or "IPv6", for messages.
    var name: String { self == .ipv6 ? "IPv6" : "IPv4" }
}
