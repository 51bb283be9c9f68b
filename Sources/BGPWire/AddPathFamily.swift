/// One tuple of the ADD-PATH capability (RFC 7911 §4): a family and whether the speaker
/// will send, receive or both send and receive several paths for it.
public struct AddPathFamily: Sendable, Hashable {
    /// The AFI and SAFI the tuple is for.
    public var family: AddressFamily
    /// What the speaker will do with several paths of that family.
    public var sendReceive: AddPathSendReceive

    /// Creates the entry for one family.
    public init(family: AddressFamily, sendReceive: AddPathSendReceive) {
        self.family = family
        self.sendReceive = sendReceive
    }
}

/// The Send/Receive field of an ADD-PATH tuple (RFC 7911 §4); other values are not valid.
public struct AddPathSendReceive: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    /// The speaker can receive several paths.
    public static let receive = AddPathSendReceive(rawValue: 1)
    /// The speaker would like to send several paths.
    public static let send = AddPathSendReceive(rawValue: 2)
    /// Both.
    public static let both = AddPathSendReceive(rawValue: 3)

    /// Whether the value is one of the three RFC 7911 §4 defines.
    var isValid: Bool { (1...3).contains(rawValue) }
}
