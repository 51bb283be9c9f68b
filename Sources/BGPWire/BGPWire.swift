/// BGPWire: the BGP-4 message codec, with no I/O.
///
/// Bytes come in from a read buffer and leave as `Message` values; values go
/// out as bytes appended to a write buffer. Decoding is bounds-checked and
/// never traps on peer input: a header, OPEN or UPDATE error becomes a
/// `NotificationMessage` thrown to the caller (RFC 4271 §6), and UPDATE
/// attribute errors get the RFC 7606 treatment instead where it allows.
///
/// Supported: RFC 4271 messages, RFC 5492 capabilities, RFC 4760
/// multiprotocol capability (IPv4 unicast), RFC 2918 route refresh, RFC 6793
/// four-octet ASes with AS_TRANS and AS4_PATH, RFC 1997 communities, RFC 7606
/// revised error handling. Not yet: IPv6 NLRI, ADD-PATH, extended and large
/// communities (kept as unrecognized attributes and passed on).
public enum BGPWire {}
