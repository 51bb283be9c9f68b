import BGPWire

/// A host of the cluster that runs brindled.
public struct Node: Equatable, Sendable {
    /// The node's name, usually its hostname.
    public var name: String
    /// The address the node's BGP sessions use; also its BGP identifier.
    public var address: IPv4Address
    /// The node's own AS number, or nil to use the cluster default.
    public var asNumber: UInt32?

    /// Creates a node from its parts.
    public init(name: String, address: IPv4Address, asNumber: UInt32? = nil) {
        self.name = name
        self.address = address
        self.asNumber = asNumber
    }
}
