import BGPWire

/// A block of addresses from which BGP speakers may connect without being configured one
/// by one (dynamic neighbours); each one that connects becomes a passive peer in `asNumber`.
public struct ListenRange: Equatable, Sendable {
    /// The addresses a dynamic neighbour may connect from.
    public var prefix: IPv4Prefix
    /// The AS number every neighbour from the range must have.
    public var asNumber: UInt32
    /// The most neighbours from the range a node accepts at once, at least 1; nil for
    /// `defaultLimit`.
    public var limit: Int?

    /// The limit of a range that sets none: 1000 neighbours, enough for a rack of hosts
    /// behind a reflector while still bounding what a misconfigured subnet can open.
    public static let defaultLimit = 1000

    /// The limit the range really has: its own, else `defaultLimit`.
    public var effectiveLimit: Int { limit ?? Self.defaultLimit }

    /// Creates a range from its parts.
    public init(prefix: IPv4Prefix, asNumber: UInt32, limit: Int? = nil) {
        self.prefix = prefix
        self.asNumber = asNumber
        self.limit = limit
    }
}
