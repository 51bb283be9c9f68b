/// One stored path: the advertising peer and its interned attributes, eight bytes.
struct Path: Hashable, Sendable {
    /// The peer the path was learned from, or `PeerID.local`.
    var peer: PeerID
    /// The path's attributes in the RIB's `AttributeTable`.
    var attributes: AttributeIndex
}
