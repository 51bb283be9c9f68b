import BGPWire

/// The content of one UPDATE for the members of an update group, as its `AdjRIBOut` gives it
/// (RFC 4271 §4.3).
///
/// Withdrawals come alone with empty attributes; announcements share one attribute set and
/// one source. The list is not cut to the 4096-octet message limit: the sender splits it when
/// encoding.
public struct OutboundUpdate<Prefix: RIBPrefix>: Sendable, Equatable {
    /// Prefixes no longer reachable through us.
    public var withdrawn: [Prefix]
    /// The attributes of every announced prefix; empty when nothing is announced.
    public var attributes: PathAttributes
    /// Prefixes reachable through us with `attributes`.
    public var announced: [Prefix]
    /// The peer the best route of every announced prefix came from, `PeerID.local` for our own
    /// routes; nil in a withdrawal-only update. The table does not hold a route back from the
    /// peer it came from: a member that is this peer is the caller's to leave out, or to send
    /// a withdrawal of these prefixes when it was sent them from another source before.
    public var source: PeerID?
    /// The announced prefixes last drained with another source. Only these must be
    /// withdrawn from the member that is `source`; it was never sent the others by this
    /// table. Set by `AdjRIBOut.drain()` only; elsewhere empty, meaning unknown.
    public var takenFromOtherSources: [Prefix] = []

    /// Creates an update.
    public init(
        withdrawn: [Prefix], attributes: PathAttributes, announced: [Prefix],
        source: PeerID? = nil
    ) {
        self.withdrawn = withdrawn
        self.attributes = attributes
        self.announced = announced
        self.source = source
    }
}
