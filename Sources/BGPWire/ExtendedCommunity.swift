/// One extended community (RFC 4360 §2): eight octets, a type (one octet, or two with a
/// subtype) and a value, kept whole so that every type survives a round trip.
public struct ExtendedCommunity: RawRepresentable, Hashable, Sendable {
    /// The eight octets in network order, the type octet highest.
    public var rawValue: UInt64
    public init(rawValue: UInt64) { self.rawValue = rawValue }

    /// The high-order type octet (RFC 4360 §3).
    public var type: UInt8 { UInt8(truncatingIfNeeded: rawValue >> 56) }
}
