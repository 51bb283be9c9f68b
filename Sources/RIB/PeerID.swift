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
