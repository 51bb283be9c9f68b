extension CodecOptions {
    /// The families that carry path identifiers each way once both ADD-PATH capabilities
    /// are known (RFC 7911 §5): we receive them for a family when we advertised Receive
    /// (1 or 3) and the peer Send (2 or 3), and send them when we advertised Send and the
    /// peer Receive.
    ///
    /// A family listed more than once in one capability counts with every value it was
    /// given. Families other than IPv4 and IPv6 unicast may come out too; the codec keeps
    /// their multiprotocol attributes raw, so they change nothing on the wire here.
    ///
    /// - Parameters:
    ///   - local: the tuples of the ADD-PATH capability we sent; empty when we sent none.
    ///   - remote: the peer's tuples (`Capability.addPathFamilies`); empty when the peer
    ///     sent none or a malformed one, which RFC 7911 §4 says to ignore.
    /// - Returns: the values for `addPathReceive` and `addPathSend`.
    public static func addPath(
        local: [AddPathFamily], remote: [AddPathFamily]
    ) -> (receive: Set<AddressFamily>, send: Set<AddressFamily>) {
        let localReceive = families(in: local, doing: .receive)
        let localSend = families(in: local, doing: .send)
        let remoteReceive = families(in: remote, doing: .receive)
        let remoteSend = families(in: remote, doing: .send)
        return (localReceive.intersection(remoteSend), localSend.intersection(remoteReceive))
    }

    /// The options with `addPathReceive` and `addPathSend` set from both capabilities, as
    /// `addPath(local:remote:)` finds them.
    public func negotiatingAddPath(
        local: [AddPathFamily], remote: [AddPathFamily]
    ) -> CodecOptions {
        var options = self
        (options.addPathReceive, options.addPathSend) = Self.addPath(local: local, remote: remote)
        return options
    }

    /// The families whose Send/Receive value includes `direction` (`.receive` or `.send`,
    /// one bit each of the field; `.both` has both bits). Tuples with a value RFC 7911 §4
    /// does not define count for nothing.
    private static func families(
        in tuples: [AddPathFamily], doing direction: AddPathSendReceive
    ) -> Set<AddressFamily> {
        let doing = tuples.filter {
            $0.sendReceive.isValid && $0.sendReceive.rawValue & direction.rawValue != 0
        }
        return Set(doing.map(\.family))
    }
}
