/// A number naming one BGP peer inside the RIB, chosen by the daemon.
///
/// `PeerID.local` stands for this router itself: routes it originates carry it.
public struct PeerID: RawRepresentable, Hashable, Sendable, Comparable {
    /// The number; 0 is reserved for `local`.
    public var rawValue: UInt32

    /// Creates a peer number.
    public init(rawValue: UInt32) {
        self.rawValue = rawValue
    }

    /// This router, the source of locally originated routes.
    public static let local = PeerID(rawValue: 0)

    /// Orders peers by number.
    public static func < (lhs: PeerID, rhs: PeerID) -> Bool {
        lhs.rawValue < rhs.rawValue
    }
}

extension PeerID: CustomStringConvertible {
    /// `local`, or the number.
    public var description: String { self == .local ? "local" : String(rawValue) }
}

extension PeerID {
    /// Peer numbers key the RIB's peer table, looked up for every candidate the decision
    /// process weighs and for every route an update group exports; the standard `Hasher`
    /// (SipHash) on them was about 2.5 % of taking in ten peers' tables (profiled). An odd
    /// multiplier is a bijection on the low bits that pick a bucket, so peers numbered below
    /// the table's size never collide; the seed still keys the result.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rawValue)
    }

    public func _rawHashValue(seed: Int) -> Int {
        let mixed = UInt64(rawValue) &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: mixed ^ UInt64(truncatingIfNeeded: seed))
    }
}
