import BGPWire

/// A change of the Loc-RIB's best route for one prefix (RFC 4271 §9.1.3 input).
///
/// `previous` nil is a new prefix, `current` nil a prefix that became unreachable; both set is a
/// replacement. The RIB produces one only when the best route or its attributes changed.
public struct BestPathChange: Sendable, Equatable {
    /// The prefix whose best route changed.
    public var prefix: IPv4Prefix
    /// The best route before the change, if there was one.
    public var previous: Route?
    /// The best route after the change, if there is one.
    public var current: Route?

    /// Creates a change.
    public init(prefix: IPv4Prefix, previous: Route?, current: Route?) {
        self.prefix = prefix
        self.previous = previous
        self.current = current
    }
}
