/// What the two speakers negotiated that changes the bytes on the wire.
public struct CodecOptions: Sendable, Hashable {
    /// Both sides offered four-octet AS numbers (RFC 6793): AS_PATH and
    /// AGGREGATOR carry four-octet ASes and AS4_PATH is not used.
    public var fourOctetAS: Bool
    /// Both sides offered the extended message capability (RFC 8654).
    public var extendedMessage: Bool
    /// The families whose received NLRI carry a four-octet path identifier before each
    /// prefix (RFC 7911 §3): those we can receive several paths of and the peer sends.
    /// Only IPv4 and IPv6 unicast change what the decoder reads; see `addPath(local:remote:)`.
    public var addPathReceive: Set<AddressFamily>
    /// The families whose NLRI we send with a path identifier before each prefix (RFC
    /// 7911 §3): those we send several paths of and the peer receives.
    public var addPathSend: Set<AddressFamily>

    /// Creates options; the defaults are four-octet ASes, 4096-byte messages and no
    /// path identifiers.
    public init(
        fourOctetAS: Bool = true, extendedMessage: Bool = false,
        addPathReceive: Set<AddressFamily> = [], addPathSend: Set<AddressFamily> = []
    ) {
        self.fourOctetAS = fourOctetAS
        self.extendedMessage = extendedMessage
        self.addPathReceive = addPathReceive
        self.addPathSend = addPathSend
    }

    /// Before OPENs are exchanged: two-octet ASes, 4096-byte messages.
    public static let beforeOpen = CodecOptions(fourOctetAS: false, extendedMessage: false)

    /// The largest message allowed.
    public var maximumMessageLength: Int {
        extendedMessage ? MessageLimits.maximumExtendedLength : MessageLimits.maximumLength
    }
}
