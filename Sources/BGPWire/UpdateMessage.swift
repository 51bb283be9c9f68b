/// An UPDATE message (RFC 4271 §4.3) for IPv4 unicast.
///
/// The decoder applies RFC 7606: when an attribute error calls for
/// treat-as-withdraw, `treatAsWithdraw` is set and the session stays up; the
/// receiver must then withdraw every prefix in `nlri` as well as
/// `withdrawnRoutes`.
public struct UpdateMessage: Sendable, Equatable {
    /// Prefixes the sender no longer reaches.
    public var withdrawnRoutes: [IPv4Prefix]
    /// The path attributes shared by every prefix in `nlri`; empty when the
    /// message only withdraws.
    public var pathAttributes: PathAttributes
    /// Prefixes reachable with `pathAttributes`.
    public var nlri: [IPv4Prefix]
    /// Set by the decoder when RFC 7606 says to treat the NLRI as withdrawn.
    public var treatAsWithdraw: Bool
    /// Attribute types the decoder discarded under RFC 7606 "attribute discard".
    public var discardedAttributes: [AttributeType]

    /// Creates an UPDATE; by default an empty one, the End-of-RIB marker.
    public init(
        withdrawnRoutes: [IPv4Prefix] = [], pathAttributes: PathAttributes = PathAttributes(),
        nlri: [IPv4Prefix] = [], treatAsWithdraw: Bool = false,
        discardedAttributes: [AttributeType] = []
    ) {
        self.withdrawnRoutes = withdrawnRoutes
        self.pathAttributes = pathAttributes
        self.nlri = nlri
        self.treatAsWithdraw = treatAsWithdraw
        self.discardedAttributes = discardedAttributes
    }

    /// Whether this is the IPv4 End-of-RIB marker: an UPDATE with no withdrawn
    /// routes, no attributes and no NLRI (RFC 4724 §2).
    public var isEndOfRIB: Bool {
        withdrawnRoutes.isEmpty && nlri.isEmpty && pathAttributes.isEmpty
    }
}
