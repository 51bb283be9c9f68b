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

    /// Creates a route.
    public init(prefix: Prefix, peer: PeerID, attributes: PathAttributes) {
        self.prefix = prefix
        self.peer = peer
        self.attributes = attributes
    }
}
