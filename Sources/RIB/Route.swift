import BGPWire

/// One path to a prefix: who advertised it and with which attributes.
///
/// Routes are handed out as values; inside the RIB the attributes are interned and a path is
/// eight bytes (see `RIB`).
public struct Route<Prefix: RIBPrefix>: Sendable, Equatable {
    /// The destination.
    public var prefix: Prefix
    /// The peer the route was learned from, or `PeerID.local` for an originated route.
    public var peer: PeerID
    /// The attributes after import: from an external peer without LOCAL_PREF.
    public var attributes: PathAttributes
    /// Where the RIB that handed the route out stores `attributes`, so that an Adj-RIB-Out
    /// can refer to the same set without looking it up; a hint, checked before use.
    var attributeIndex: AttributeIndex?

    /// Creates a route.
    public init(prefix: Prefix, peer: PeerID, attributes: PathAttributes) {
        self.prefix = prefix
        self.peer = peer
        self.attributes = attributes
    }

    /// Routes are equal by prefix, peer and attributes; where they are stored is no part
    /// of them.
    public static func == (lhs: Route, rhs: Route) -> Bool {
        lhs.prefix == rhs.prefix && lhs.peer == rhs.peer && lhs.attributes == rhs.attributes
    }
}
