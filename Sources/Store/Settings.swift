/// Cluster-wide BGP settings, one row in the store.
public struct Settings: Equatable, Sendable {
    /// The AS number of every node that has none of its own; 64511 unless set.
    public var asNumber: UInt32
    /// Whether every node peers with every other (the iBGP full mesh of RFC 4271 §9.1.1).
    public var nodeMesh: Bool

    /// The settings of a fresh store: AS 64511 and the node mesh on.
    public static let defaults = Settings(asNumber: 64511, nodeMesh: true)

    /// Creates settings from their parts.
    public init(asNumber: UInt32 = 64511, nodeMesh: Bool = true) {
        self.asNumber = asNumber
        self.nodeMesh = nodeMesh
    }
}
