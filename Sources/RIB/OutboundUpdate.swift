import BGPWire

/// The content of one UPDATE for a peer, as the Adj-RIB-Out drains it (RFC 4271 §4.3).
///
/// Withdrawals come alone with empty attributes; announcements share one attribute set. The
/// list is not cut to the 4096-octet message limit: the sender splits it when encoding.
public struct OutboundUpdate: Sendable, Equatable {
    /// Prefixes no longer reachable through us.
    public var withdrawn: [IPv4Prefix]
    /// The attributes of every announced prefix; empty when nothing is announced.
    public var attributes: PathAttributes
    /// Prefixes reachable through us with `attributes`.
    public var announced: [IPv4Prefix]

    /// Creates an update.
    public init(withdrawn: [IPv4Prefix], attributes: PathAttributes, announced: [IPv4Prefix]) {
        self.withdrawn = withdrawn
        self.attributes = attributes
        self.announced = announced
    }
}
