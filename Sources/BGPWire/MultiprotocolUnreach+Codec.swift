extension MultiprotocolUnreach {
    /// Decodes an MP_UNREACH_NLRI value (RFC 4760 §4).
    ///
    /// - Returns: nil for a family this codec does not decode, kept raw by the caller.
    /// - Throws: `MalformedMultiprotocolAttribute` when the value is too short for its AFI
    ///   and SAFI (RFC 7606 §7.11) or a prefix is malformed (RFC 7606 §5.3).
    ///
    /// - Parameter options: which families' prefixes come after a path identifier
    ///   (RFC 7911 §3, `CodecOptions.addPathReceive`).
    static func decode(
        _ value: ByteCursor, options: UpdateDecodingOptions
    ) throws(MalformedMultiprotocolAttribute) -> MultiprotocolUnreach? {
        var value = value
        guard let family = AddressFamily.read(&value) else {
            throw MalformedMultiprotocolAttribute()
        }
        let decoded = try MultiprotocolPrefixes.decode(
            value, family: family, withPathIdentifiers: options.receivesPathIdentifiers(family))
        return decoded.map { MultiprotocolUnreach(withdrawn: $0.0, pathIdentifiers: $0.1) }
    }

    /// Appends the whole attribute, optional non-transitive (RFC 4760 §4), with path
    /// identifiers when the family is in `addPathFamilies` (RFC 7911 §3,
    /// `CodecOptions.addPathSend`).
    func encode(into buffer: inout [UInt8], addPathFamilies: Set<AddressFamily>) {
        let withPathIdentifiers = addPathFamilies.contains(family)
        let length = 3 + withdrawn.encodedLength(withPathIdentifiers: withPathIdentifiers)
        PathAttributes.appendHeader([.optional], .multiprotocolUnreachableNLRI, length, &buffer)
        family.encode(into: &buffer)
        withdrawn.encode(
            into: &buffer, pathIdentifiers: pathIdentifiers,
            withPathIdentifiers: withPathIdentifiers)
    }
}
