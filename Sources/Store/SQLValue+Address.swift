import BGPWire

extension SQLValue {
    /// An IPv4 address as its number, an IPv6 address as its 32 hex digits (see `Schema`).
    static func address(_ address: IPAddress) -> SQLValue {
        switch address {
        case .v4(let address): .int(address.rawValue)
        case .v6(let address): ipv6(address)
        }
    }

    /// An IPv6 address as 32 lowercase hex digits, which sort as the address does.
    static func ipv6(_ address: IPv6Address) -> SQLValue {
        .text(hexDigits(address.high) + hexDigits(address.low))
    }

    /// An optional IPv6 address, NULL for nil.
    static func optionalIPv6(_ address: IPv6Address?) -> SQLValue {
        address.map(ipv6) ?? .null
    }

    /// The address and length columns of a prefix's key.
    static func key(_ prefix: IPPrefix) -> [SQLValue] {
        [address(prefix.address), .int(prefix.length)]
    }

    /// The 32-digit text of an IPv6 address, or nil for anything else.
    var ipv6Address: IPv6Address? {
        guard let text, text.utf8.count == 32,
            let high = UInt64(text.prefix(16), radix: 16),
            let low = UInt64(text.suffix(16), radix: 16)
        else { return nil }
        return IPv6Address(high: high, low: low)
    }

    private static func hexDigits(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

extension [SQLValue] {
    /// Column `index` as an address of `afi`; the store writes only valid ones, so an IPv6
    /// column that does not parse is a broken invariant.
    func address(_ index: Int, _ afi: AFI) -> IPAddress {
        guard afi == .ipv6 else { return .v4(IPv4Address(rawValue: uint32(index))) }
        guard let address = self[index].ipv6Address else {
            preconditionFailure("an ipv6 address column holds 32 hex digits")
        }
        return .v6(address)
    }

    /// Columns `index` and `index + 1` as a prefix of `afi`: its address and length.
    func prefix(_ index: Int, _ afi: AFI) -> IPPrefix {
        guard afi == .ipv6 else { return .v4(prefix(index)) }
        let length = UInt8(truncatingIfNeeded: self[index + 1].integer ?? 128)
        guard case .v6(let address) = address(index, afi),
            let prefix = IPv6Prefix(address: address, length: Swift.min(length, 128))
        else { preconditionFailure("an ipv6 pool column holds a network address") }
        return .v6(prefix)
    }
}
