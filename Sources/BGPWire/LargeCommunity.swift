/// One large community (RFC 8092 §3): three four-octet fields.
public struct LargeCommunity: Hashable, Sendable {
    /// The AS that defined the community.
    public var globalAdministrator: UInt32
    /// The first operator-defined part.
    public var localData1: UInt32
    /// The second operator-defined part.
    public var localData2: UInt32

    /// Creates a large community from its three parts.
    public init(globalAdministrator: UInt32, localData1: UInt32, localData2: UInt32) {
        self.globalAdministrator = globalAdministrator
        self.localData1 = localData1
        self.localData2 = localData2
    }
}

extension LargeCommunity: CustomStringConvertible {
    /// `global:local1:local2`, the canonical form of RFC 8092 §4.
    public var description: String { "\(globalAdministrator):\(localData1):\(localData2)" }
}
