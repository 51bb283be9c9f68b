/// An IPv4 address, kept as a 32-bit number in host byte order.
///
/// Addresses compare as numbers, so sorted addresses are in the order an
/// operator expects.
public struct IPv4Address: RawRepresentable, Hashable, Comparable, Sendable {
    /// The address as a host-order integer: 10.0.0.1 is `0x0A00_0001`.
    public var rawValue: UInt32

    /// Creates an address from its host-order integer.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// Creates an address from its four octets, most significant first.
    public init(_ a: UInt8, _ b: UInt8, _ c: UInt8, _ d: UInt8) {
        rawValue = UInt32(a) << 24 | UInt32(b) << 16 | UInt32(c) << 8 | UInt32(d)
    }

    /// Parses dotted-quad text such as `192.0.2.1`; nil for anything else, including
    /// octets with leading zeros, which inet_aton(3) would read as octal.
    public init?(_ text: some StringProtocol) {
        var value: UInt32 = 0
        var octets = 0
        for part in text.split(separator: ".", omittingEmptySubsequences: false) {
            guard part.count >= 1, part.count <= 3, part.allSatisfy(\.isASCII),
                part.count == 1 || part.first != "0", let octet = UInt8(part)
            else { return nil }
            value = value << 8 | UInt32(octet)
            octets += 1
        }
        guard octets == 4 else { return nil }
        rawValue = value
    }

    /// The four octets in network order.
    public var octets: [UInt8] {
        [
            UInt8(rawValue >> 24), UInt8(truncatingIfNeeded: rawValue >> 16),
            UInt8(truncatingIfNeeded: rawValue >> 8), UInt8(truncatingIfNeeded: rawValue),
        ]
    }

    /// Why this address cannot belong to a host or router (RFC 6890): nil for an
    /// ordinary unicast address, else the kind of block it is in.
    public var specialPurpose: String? {
        switch rawValue >> 24 {
        case 0: "in 0.0.0.0/8 (this network)"
        case 127: "a loopback address"
        case 224..<240: "a multicast address"
        case 240...: "a reserved address"
        default: nil
        }
    }

    /// 0.0.0.0, which RFC 4271 §6.2 forbids as a BGP identifier.
    public static let zero = IPv4Address(rawValue: 0)

    public static func < (lhs: IPv4Address, rhs: IPv4Address) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

extension IPv4Address: CustomStringConvertible {
    /// Dotted-quad text.
    public var description: String {
        "\(rawValue >> 24).\(rawValue >> 16 & 0xFF).\(rawValue >> 8 & 0xFF).\(rawValue & 0xFF)"
    }
}
