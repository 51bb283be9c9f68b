/// What the two speakers negotiated that changes the bytes on the wire.
public struct CodecOptions: Sendable, Hashable {
    /// Both sides offered four-octet AS numbers (RFC 6793): AS_PATH and
    /// AGGREGATOR carry four-octet ASes and AS4_PATH is not used.
    public var fourOctetAS: Bool
    /// Both sides offered the extended message capability (RFC 8654).
    public var extendedMessage: Bool

    /// Creates options; the defaults are four-octet ASes and 4096-byte messages.
    public init(fourOctetAS: Bool = true, extendedMessage: Bool = false) {
        self.fourOctetAS = fourOctetAS
        self.extendedMessage = extendedMessage
    }

    /// Before OPENs are exchanged: two-octet ASes, 4096-byte messages.
    public static let beforeOpen = CodecOptions(fourOctetAS: false, extendedMessage: false)

    /// The largest message allowed.
    public var maximumMessageLength: Int {
        extendedMessage ? MessageLimits.maximumExtendedLength : MessageLimits.maximumLength
    }
}
