/// An IPv6 prefix: an address with its host bits cleared and a length of 0 to 128.
///
/// A prefix is a fixed-size value with no heap storage, like `IPv4Prefix`.
public struct IPv6Prefix: Hashable, Comparable, Sendable {
    /// The network address, host bits always zero.
    public let address: IPv6Address
    /// The prefix length in bits, 0 to 128.
    public let length: UInt8

    /// Creates a prefix, clearing host bits; nil if `length` exceeds 128.
    public init?(address: IPv6Address, length: UInt8) {
        guard length <= 128 else { return nil }
        self.address = address.masked(length)
        self.length = length
    }

    /// Parses `address/n`, or a bare address as a /128. Host bits must be zero in the
    /// text, so that a typo such as `2001:db8::1/64` is caught.
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPv6Address(parts[0]) else { return nil }
        var length: UInt8 = 128
        if parts.count == 2 {
            let digits = parts[1]
            guard (1...3).contains(digits.count), digits.allSatisfy({ ("0"..."9").contains($0) }),
                digits.count == 1 || parts[1].first != "0",
                let parsed = UInt8(parts[1]), parsed <= 128
            else { return nil }
            length = parsed
        }
        guard address.masked(length) == address else { return nil }
        self.init(address: address, length: length)
    }

    /// The host route for one address.
    public static func host(_ address: IPv6Address) -> IPv6Prefix {
        IPv6Prefix(address: address, length: 128)!
    }

    /// The last address the prefix covers.
    public var lastAddress: IPv6Address {
        let (highMask, lowMask) = IPv6Address.mask(length)
        return IPv6Address(high: address.high | ~highMask, low: address.low | ~lowMask)
    }

    /// Whether `other` lies wholly inside this prefix.
    public func contains(_ other: IPv6Prefix) -> Bool {
        other.length >= length && other.address.masked(length) == address
    }

    /// Whether `address` lies inside this prefix.
    public func contains(_ address: IPv6Address) -> Bool {
        address.masked(length) == self.address
    }

    public static func < (lhs: IPv6Prefix, rhs: IPv6Prefix) -> Bool {
        (lhs.address, lhs.length) < (rhs.address, rhs.length)
    }
}

extension IPv6Prefix: CustomStringConvertible {
    /// `address/n`, the address in RFC 5952 form.
    public var description: String { "\(address)/\(length)" }
}
