/// An IPv4 prefix: an address with its host bits cleared and a length of 0 to 32.
///
/// A prefix is eight bytes with no heap storage, so tables of a million
/// prefixes stay compact.
public struct IPv4Prefix: Hashable, Comparable, Sendable {
    /// The network address, host bits always zero.
    public let address: IPv4Address
    /// The prefix length in bits, 0 to 32.
    public let length: UInt8

    /// Creates a prefix, clearing host bits; nil if `length` exceeds 32.
    public init?(address: IPv4Address, length: UInt8) {
        guard length <= 32 else { return nil }
        self.address = IPv4Address(rawValue: address.rawValue & Self.mask(length))
        self.length = length
    }

    /// Parses `a.b.c.d/n`, or a bare address as a /32. Host bits must be zero
    /// in the text, so that a typo such as `10.0.0.1/24` is caught.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPv4Address(parts[0]) else { return nil }
        var length: UInt8 = 32
        if parts.count == 2 {
            guard parts[1].count <= 2, parts[1].allSatisfy({ ("0"..."9").contains($0) }),
                let parsed = UInt8(parts[1]), parsed <= 32
            else { return nil }
            length = parsed
        }
        guard address.rawValue & ~Self.mask(length) == 0 else { return nil }
        self.init(address: address, length: length)
    }

    /// The host route for one address.
    public static func host(_ address: IPv4Address) -> IPv4Prefix {
        IPv4Prefix(address: address, length: 32)!
    }

    /// The network mask for a prefix length, in host order.
    public static func mask(_ length: UInt8) -> UInt32 {
        length == 0 ? 0 : UInt32.max << (32 - UInt32(length))
    }

    /// The number of addresses the prefix covers.
    public var size: UInt64 { 1 << (32 - UInt64(length)) }

    /// The last address the prefix covers.
    public var lastAddress: IPv4Address {
        IPv4Address(rawValue: address.rawValue | ~Self.mask(length))
    }

    /// Whether `other` lies wholly inside this prefix.
    public func contains(_ other: IPv4Prefix) -> Bool {
        other.length >= length && other.address.rawValue & Self.mask(length) == address.rawValue
    }

    /// Whether `address` lies inside this prefix.
    public func contains(_ address: IPv4Address) -> Bool {
        address.rawValue & Self.mask(length) == self.address.rawValue
    }

    public static func < (lhs: IPv4Prefix, rhs: IPv4Prefix) -> Bool {
        (lhs.address, lhs.length) < (rhs.address, rhs.length)
    }
}

extension IPv4Prefix: CustomStringConvertible {
    /// `a.b.c.d/n`.
    public var description: String { "\(address)/\(length)" }
}
