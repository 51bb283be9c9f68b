/// BGPWire: the BGP-4 message codec, with no I/O.
///
/// Bytes come in from a read buffer: `MessageFramer` says where the first
/// message ends, and `Message.decode(_:options:)` turns it into a `Message`
/// value without copying the prefixes out first. Values go out through
/// `Message.encode(into:options:)`, appended to a write buffer, and routes
/// through `UpdatePacker`, which fills as few UPDATEs as the negotiated
/// length allows. `CodecOptions` carries what the OPEN exchange settled.
///
/// Decoding is bounds-checked and never traps on peer input: a header, OPEN
/// or UPDATE error becomes a `NotificationMessage` thrown to the caller
/// (RFC 4271 §6), and UPDATE attribute errors get the RFC 7606 treatment
/// instead where it allows (`UpdateMessage.treatAsWithdraw`,
/// `UpdateMessage.discardedAttributes`).
///
/// Supported: RFC 4271 messages, RFC 5492 capabilities, RFC 9072 extended
/// optional parameters, RFC 4760 multiprotocol extensions for IPv4 and IPv6
/// unicast (RFC 2545 next hops: global, or global and link-local), RFC 2918
/// route refresh with the RFC 7313 subtype, RFC 6793 four-octet ASes with
/// AS_TRANS and AS4_PATH, RFC 1997 communities, RFC 4360 extended and RFC 8092
/// large communities, RFC 4456 ORIGINATOR_ID and CLUSTER_LIST, RFC 7606 revised
/// error handling, RFC 9003 shutdown communication, RFC 4724 End-of-RIB markers
/// for every family, RFC 7911 ADD-PATH path identifiers in the NLRI of IPv4 and
/// IPv6 unicast, in both directions, for the families `CodecOptions.addPathReceive`
/// and `CodecOptions.addPathSend` name (`CodecOptions.addPath(local:remote:)` finds
/// them from both capabilities). The values of the extended message (RFC 8654),
/// enhanced route refresh (RFC 7313) and graceful restart (RFC 4724) capabilities
/// are coded, but nothing here acts on them.
///
/// Multiprotocol attributes of other families stay raw in
/// `PathAttributes.unrecognized` and are ignored. A malformed MP_REACH_NLRI or
/// MP_UNREACH_NLRI of IPv4 or IPv6 unicast resets the session: RFC 7606 §7.11
/// allows "AFI/SAFI disable" instead, which Brindle does not implement.
///
/// Not yet: semantic checks of NEXT_HOP, LOCAL_PREF and confederation segments
/// that need the session's context (the caller applies them, see
/// `ASPath.containsConfederationSegments`).
public enum BGPWire {}
