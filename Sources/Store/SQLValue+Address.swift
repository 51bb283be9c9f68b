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
    /// Column `index` of a row of `table` as an address of `afi`. brindlectl writes only
    /// valid ones, so anything else means the file was changed by other means: an error,
    /// never a guess.
    func address(_ index: Int, _ afi: AFI, in table: String) throws(StoreError) -> IPAddress {
        switch afi {
        case .ipv6:
            guard let address = self[index].ipv6Address else {
                throw .badRow(table: table, detail: "\(self[index]) where an IPv6 address belongs")
            }
            return .v6(address)
        default:
            guard let number = self[index].integer, let raw = UInt32(exactly: number) else {
                throw .badRow(table: table, detail: "\(self[index]) where an IPv4 address belongs")
            }
            return .v4(IPv4Address(rawValue: raw))
        }
    }

    /// Columns `index` and `index + 1` of a row of `table` as a prefix of `afi`: a network
    /// address with no host bits and a length the family allows.
    func prefix(_ index: Int, _ afi: AFI, in table: String) throws(StoreError) -> IPPrefix {
        let address = try address(index, afi, in: table)
        let length = self[index + 1].integer.flatMap(UInt8.init(exactly:))
        let prefix: IPPrefix? =
            switch address {
            case .v4(let address):
                length.flatMap { IPv4Prefix(address: address, length: $0) }.map(IPPrefix.v4)
            case .v6(let address):
                length.flatMap { IPv6Prefix(address: address, length: $0) }.map(IPPrefix.v6)
            }
        guard let prefix, prefix.address == address else {
            throw .badRow(
                table: table, detail: "\(address)/\(self[index + 1]), which is not a network prefix"
            )
        }
        return prefix
    }
}
