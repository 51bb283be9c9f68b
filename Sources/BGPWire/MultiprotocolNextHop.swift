/// The Network Address of Next Hop field of MP_REACH_NLRI (RFC 4760 §3), for the families
/// this codec decodes.
///
/// Indirect, so that the 33 bytes of an IPv6 pair are one pointer inside every stored
/// `PathAttributes`, most of which have no such next hop.
public indirect enum MultiprotocolNextHop: Sendable, Hashable {
    /// Four octets, for IPv4 unicast.
    case ipv4(IPv4Address)
    /// Sixteen octets of global address, or 32 with a link-local address after it, which
    /// RFC 2545 §3 has a speaker add when the peer shares its subnet. The decoder checks
    /// only the length: whether the addresses are usable (`IPv6Address.isLinkLocal`, not
    /// multicast) is for the receiver to judge, as for NEXT_HOP.
    case ipv6(global: IPv6Address, linkLocal: IPv6Address?)

    /// The AFI of the next hop's address family.
    public var afi: AFI {
        switch self {
        case .ipv4: .ipv4
        case .ipv6: .ipv6
        }
    }

    /// The value of the Length of Next Hop Network Address field: 4, 16 or 32.
    var encodedLength: Int {
        switch self {
        case .ipv4: 4
        case .ipv6(_, let linkLocal): linkLocal == nil ? 16 : 32
        }
    }

    /// Appends the length octet and the addresses.
    func encode(into buffer: inout [UInt8]) {
        buffer.append(UInt8(encodedLength))
        switch self {
        case .ipv4(let address):
            buffer.appendUInt32(address.rawValue)
        case .ipv6(let global, let linkLocal):
            buffer.appendIPv6(global)
            if let linkLocal { buffer.appendIPv6(linkLocal) }
        }
    }

    /// Reads a next hop of `length` octets for `family` (RFC 4760 §3, RFC 2545 §3); nil
    /// when the length does not suit the family, which RFC 7606 §7.11 calls malformed.
    static func decode(
        _ value: inout ByteCursor, length: Int, family: AddressFamily
    ) -> MultiprotocolNextHop? {
        switch (family, length) {
        case (.ipv4Unicast, 4):
            return value.readUInt32().map { .ipv4(IPv4Address(rawValue: $0)) }
        case (.ipv6Unicast, 16), (.ipv6Unicast, 32):
            guard let global = value.readIPv6Address() else { return nil }
            guard length == 32 else { return .ipv6(global: global, linkLocal: nil) }
            return value.readIPv6Address().map { .ipv6(global: global, linkLocal: $0) }
        default:
            return nil
        }
    }
}
