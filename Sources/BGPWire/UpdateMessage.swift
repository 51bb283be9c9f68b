/// An UPDATE message (RFC 4271 §4.3), with the multiprotocol attributes of RFC 4760 for
/// IPv4 and IPv6 unicast decoded.
///
/// Routes come in up to two places for each direction: IPv4 unicast prefixes in
/// `withdrawnRoutes` and `nlri`, and prefixes of one family in `multiprotocolUnreach` and
/// `multiprotocolReach`. Every announced prefix shares `pathAttributes`; those in
/// `multiprotocolReach` take their next hop from it rather than from NEXT_HOP (RFC 4760
/// §3, which also says to ignore a NEXT_HOP that comes with no other NLRI).
///
/// The decoder applies RFC 7606: when an attribute error calls for treat-as-withdraw,
/// `treatAsWithdraw` is set and the session stays up; the receiver must then withdraw
/// every prefix in `nlri` and in `multiprotocolReach` as well as the withdrawn ones.
///
/// With ADD-PATH (RFC 7911) each prefix also has a path identifier. They are kept beside
/// the prefixes, in arrays parallel to them (`withdrawnPathIdentifiers`,
/// `nlriPathIdentifiers`, and `pathIdentifiers` in the multiprotocol attributes), so that
/// code without ADD-PATH keeps reading the prefixes as before. The decoder fills them
/// only for the families in `CodecOptions.addPathReceive` and leaves them empty
/// otherwise; the encoder writes them only for the families in `CodecOptions.addPathSend`,
/// an empty array meaning path identifier 0 for every prefix.
///
/// The decoder does not know whether the peer is external: an AS_PATH with confederation
/// segments from a peer outside the confederation is malformed (RFC 5065 §5.3, RFC 7606
/// §7.2), and the caller checks `ASPath.containsConfederationSegments` for such peers.
public struct UpdateMessage: Sendable, Equatable {
    /// IPv4 unicast prefixes the sender no longer reaches.
    public var withdrawnRoutes: [IPv4Prefix]
    /// The path attributes shared by every prefix announced; empty when the
    /// message only withdraws.
    public var pathAttributes: PathAttributes
    /// IPv4 unicast prefixes reachable with `pathAttributes`.
    public var nlri: [IPv4Prefix]
    /// MP_REACH_NLRI for IPv4 or IPv6 unicast: prefixes reachable with `pathAttributes`
    /// through its own next hop. Encoded right after MP_UNREACH_NLRI, before every other
    /// attribute (RFC 7606 §5.1).
    public var multiprotocolReach: MultiprotocolReach?
    /// MP_UNREACH_NLRI for IPv4 or IPv6 unicast: prefixes the sender no longer reaches.
    /// Encoded as the first attribute (RFC 7606 §5.1).
    public var multiprotocolUnreach: MultiprotocolUnreach?
    /// The path identifiers of `withdrawnRoutes`, one per prefix in the same order, when
    /// IPv4 unicast carries them (RFC 7911 §3); otherwise empty.
    public var withdrawnPathIdentifiers: [UInt32]
    /// The path identifiers of `nlri`, one per prefix in the same order, when IPv4
    /// unicast carries them (RFC 7911 §3); otherwise empty.
    public var nlriPathIdentifiers: [UInt32]
    /// Set by the decoder when RFC 7606 says to treat the NLRI as withdrawn.
    public var treatAsWithdraw: Bool
    /// Attribute types the decoder discarded under RFC 7606 "attribute discard".
    public var discardedAttributes: [AttributeType]

    /// Whether this is an End-of-RIB marker of any family (RFC 4724 §2).
    public var isEndOfRIB: Bool { endOfRIBFamily != nil }
}

extension UpdateMessage {
    /// Creates an UPDATE; by default an empty one, the IPv4 End-of-RIB marker. Each array
    /// of path identifiers is empty or as long as its prefixes.
    ///
    /// The fields go in through the memberwise initialiser, which builds the message in
    /// place; assigned one by one to `self`, they left the optimiser copying the whole
    /// message once more (a retain and a release of every array).
    public init(
        withdrawnRoutes: [IPv4Prefix] = [], pathAttributes: PathAttributes = PathAttributes(),
        nlri: [IPv4Prefix] = [], multiprotocolReach: MultiprotocolReach? = nil,
        multiprotocolUnreach: MultiprotocolUnreach? = nil, treatAsWithdraw: Bool = false,
        discardedAttributes: [AttributeType] = [], withdrawnPathIdentifiers: [UInt32] = [],
        nlriPathIdentifiers: [UInt32] = []
    ) {
        self.init(
            withdrawnRoutes: withdrawnRoutes, pathAttributes: pathAttributes, nlri: nlri,
            multiprotocolReach: multiprotocolReach, multiprotocolUnreach: multiprotocolUnreach,
            withdrawnPathIdentifiers: withdrawnPathIdentifiers,
            nlriPathIdentifiers: nlriPathIdentifiers, treatAsWithdraw: treatAsWithdraw,
            discardedAttributes: discardedAttributes)
    }
}
