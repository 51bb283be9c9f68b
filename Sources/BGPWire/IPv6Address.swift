/// An IPv6 address (RFC 4291), kept as two 64-bit halves in host byte order.
///
/// Addresses compare as 128-bit numbers, so sorted addresses are in the order an operator
/// expects. The text form is the canonical one of RFC 5952.
public struct IPv6Address: Hashable, Comparable, Sendable {
    /// The first 64 bits: `2001:db8::` has `0x2001_0DB8_0000_0000` here.
    public var high: UInt64
    /// The last 64 bits.
    public var low: UInt64

    /// Creates an address from its two halves, most significant first.
    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// Creates an address from its eight 16-bit groups, most significant first.
    public init(
        _ a: UInt16, _ b: UInt16, _ c: UInt16, _ d: UInt16,
        _ e: UInt16, _ f: UInt16, _ g: UInt16, _ h: UInt16
    ) {
        high = UInt64(a) << 48 | UInt64(b) << 32 | UInt64(c) << 16 | UInt64(d)
        low = UInt64(e) << 48 | UInt64(f) << 32 | UInt64(g) << 16 | UInt64(h)
    }

    /// Creates an address from its sixteen octets in network order; nil for another count.
    public init?(octets: some Collection<UInt8>) {
        guard octets.count == 16 else { return nil }
        var high: UInt64 = 0
        var low: UInt64 = 0
        for (index, octet) in octets.enumerated() {
            if index < 8 {
                high = high << 8 | UInt64(octet)
            } else {
                low = low << 8 | UInt64(octet)
            }
        }
        self.init(high: high, low: low)
    }

    /// The sixteen octets in network order.
    public var octets: [UInt8] {
        (0..<16).map { index in
            let half = index < 8 ? high : low
            return UInt8(truncatingIfNeeded: half >> (56 - 8 * UInt64(index % 8)))
        }
    }

    /// The eight 16-bit groups, most significant first.
    public var groups: [UInt16] {
        (0..<8).map { index in
            let half = index < 4 ? high : low
            return UInt16(truncatingIfNeeded: half >> (48 - 16 * UInt64(index % 4)))
        }
    }

    /// Whether the address is in fe80::/10, the link-local unicast block (RFC 4291 §2.5.6),
    /// as the second next hop of RFC 2545 §3 must be.
    public var isLinkLocal: Bool { high >> 54 == 0x3FA }

    /// Whether the address is an IPv4-mapped one, ::ffff:a.b.c.d (RFC 4291 §2.5.5.2), as a
    /// speaker without an IPv6 address may give as next hop over an IPv4 session.
    public var isIPv4Mapped: Bool { high == 0 && low >> 32 == 0xFFFF }

    /// Why this address cannot belong to a host or router (RFC 4291 §2.5.2, §2.5.3, §2.7):
    /// nil for an ordinary unicast address, else the kind of address it is.
    public var specialPurpose: String? {
        if high == 0 && low == 0 { return "the unspecified address" }
        if high == 0 && low == 1 { return "the loopback address" }
        return high >> 56 == 0xFF ? "a multicast address" : nil
    }

    /// ::, the unspecified address (RFC 4291 §2.5.2).
    public static let unspecified = IPv6Address(high: 0, low: 0)

    /// The address with every bit after the first `length` cleared; `length` at most 128.
    func masked(_ length: UInt8) -> IPv6Address {
        let (highMask, lowMask) = IPv6Address.mask(length)
        return IPv6Address(high: high & highMask, low: low & lowMask)
    }

    /// The network mask of a prefix length up to 128, as two halves.
    static func mask(_ length: UInt8) -> (UInt64, UInt64) {
        let bits = UInt64(min(length, 128))
        let high = bits == 0 ? 0 : bits >= 64 ? UInt64.max : UInt64.max << (64 - bits)
        let low = bits <= 64 ? 0 : bits == 128 ? UInt64.max : UInt64.max << (128 - bits)
        return (high, low)
    }

    public static func < (lhs: IPv6Address, rhs: IPv6Address) -> Bool {
        (lhs.high, lhs.low) < (rhs.high, rhs.low)
    }
}
