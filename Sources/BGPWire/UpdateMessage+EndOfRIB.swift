extension UpdateMessage {
    /// The End-of-RIB marker for `family` (RFC 4724 §2): for IPv4 unicast an UPDATE with
    /// nothing in it, for any other family one with only an MP_UNREACH_NLRI of that
    /// family and no prefixes (typed for IPv6 unicast, raw otherwise).
    public static func endOfRIB(_ family: AddressFamily) -> UpdateMessage {
        guard family != .ipv4Unicast else { return UpdateMessage() }
        if let empty = MultiprotocolPrefixes.empty(family) {
            return UpdateMessage(multiprotocolUnreach: MultiprotocolUnreach(withdrawn: empty))
        }
        var value: [UInt8] = []
        family.encode(into: &value)
        let attribute = RawAttribute(
            flags: [.optional], type: .multiprotocolUnreachableNLRI, value: value)
        return UpdateMessage(pathAttributes: PathAttributes(unrecognized: [attribute]))
    }

    /// The family this UPDATE is the End-of-RIB marker of (RFC 4724 §2), or nil when it is
    /// not one: IPv4 unicast for an empty UPDATE, the family of an MP_UNREACH_NLRI with no
    /// prefixes when that is all the UPDATE holds, whether decoded or kept raw.
    public var endOfRIBFamily: AddressFamily? {
        guard withdrawnRoutes.isEmpty, nlri.isEmpty, multiprotocolReach == nil else {
            return nil
        }
        if let multiprotocolUnreach {
            guard multiprotocolUnreach.withdrawn.isEmpty, pathAttributes.isEmpty else {
                return nil
            }
            return multiprotocolUnreach.family
        }
        guard !pathAttributes.isEmpty else { return .ipv4Unicast }
        return Self.rawEndOfRIBFamily(pathAttributes)
    }

    /// The family of `attributes` when they are one raw MP_UNREACH_NLRI with no prefixes.
    private static func rawEndOfRIBFamily(_ attributes: PathAttributes) -> AddressFamily? {
        var rest = attributes
        guard let only = rest.unrecognized.popLast(), rest.isEmpty,
            only.type == .multiprotocolUnreachableNLRI, only.value.count == 3
        else { return nil }
        let afi = UInt16(only.value[0]) << 8 | UInt16(only.value[1])
        return AddressFamily(afi: AFI(rawValue: afi), safi: SAFI(rawValue: only.value[2]))
    }
}
