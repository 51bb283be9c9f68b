extension MultiprotocolReach {
    /// Decodes an MP_REACH_NLRI value (RFC 4760 §3).
    ///
    /// - Returns: nil for a family this codec does not decode; the caller keeps such an
    ///   attribute raw and ignores it (RFC 4760 §7 never asks for more).
    /// - Throws: `MalformedMultiprotocolAttribute` when the value is too short for its AFI,
    ///   SAFI and next-hop length, when the next-hop length does not suit the family (RFC
    ///   7606 §7.11, RFC 2545 §3), or when a prefix is malformed (RFC 7606 §5.3).
    ///
    /// - Parameter options: which families' prefixes come after a path identifier
    ///   (RFC 7911 §3, `CodecOptions.addPathReceive`).
    static func decode(
        _ value: ByteCursor, options: UpdateDecodingOptions
    ) throws(MalformedMultiprotocolAttribute) -> MultiprotocolReach? {
        var value = value
        guard let family = AddressFamily.read(&value), let nextHopLength = value.readUInt8()
        else { throw MalformedMultiprotocolAttribute() }
        guard MultiprotocolPrefixes.empty(family) != nil else { return nil }

        guard
            let nextHop = MultiprotocolNextHop.decode(
                &value, length: Int(nextHopLength), family: family),
            value.readUInt8() != nil  // Reserved, ignored on receipt (RFC 4760 §3)
        else { throw MalformedMultiprotocolAttribute() }
        let withPathIdentifiers = options.receivesPathIdentifiers(family)
        guard
            let (nlri, pathIdentifiers) = try MultiprotocolPrefixes.decode(
                value, family: family, withPathIdentifiers: withPathIdentifiers)
        else { throw MalformedMultiprotocolAttribute() }
        return MultiprotocolReach(
            checkedNextHop: nextHop, nlri: nlri, pathIdentifiers: pathIdentifiers)
    }

    /// The length of the value: AFI, SAFI, next hop with its length, Reserved and NLRI,
    /// with path identifiers when `withPathIdentifiers`.
    func encodedLength(withPathIdentifiers: Bool) -> Int {
        3 + 1 + nextHop.encodedLength + 1
            + nlri.encodedLength(withPathIdentifiers: withPathIdentifiers)
    }

    /// Appends the whole attribute, optional non-transitive (RFC 4760 §3), with the
    /// Reserved octet zero, and path identifiers when the family is in `addPathFamilies`
    /// (RFC 7911 §3, `CodecOptions.addPathSend`).
    func encode(into buffer: inout [UInt8], addPathFamilies: Set<AddressFamily>) {
        let withPathIdentifiers = addPathFamilies.contains(family)
        PathAttributes.appendHeader(
            [.optional], .multiprotocolReachableNLRI,
            encodedLength(withPathIdentifiers: withPathIdentifiers), &buffer)
        family.encode(into: &buffer)
        nextHop.encode(into: &buffer)
        buffer.append(0)
        nlri.encode(
            into: &buffer, pathIdentifiers: pathIdentifiers,
            withPathIdentifiers: withPathIdentifiers)
    }
}
