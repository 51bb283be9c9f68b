import BGPWire

/// A change of the Loc-RIB's best route for one prefix (RFC 4271 §9.1.3 input).
///
/// `previous` nil is a new prefix, `current` nil a prefix that became unreachable; both set is a
/// replacement. The RIB produces one only when the best route or its attributes changed.
public struct BestPathChange<Prefix: RIBPrefix>: Sendable, Equatable {
    /// The prefix whose best route changed.
    public var prefix: Prefix
    /// The best route before the change, if there was one.
    public var previous: Route<Prefix>?
    /// The best route after the change, if there is one.
    public var current: Route<Prefix>?

    /// Creates a change.
    public init(prefix: Prefix, previous: Route<Prefix>?, current: Route<Prefix>?) {
        self.prefix = prefix
        self.previous = previous
        self.current = current
    }
}
