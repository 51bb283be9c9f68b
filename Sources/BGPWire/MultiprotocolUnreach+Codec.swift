extension MultiprotocolUnreach {
    /// Decodes an MP_UNREACH_NLRI value (RFC 4760 §4).
    ///
    /// - Returns: nil for a family this codec does not decode, kept raw by the caller.
    /// - Throws: `MalformedMultiprotocolAttribute` when the value is too short for its AFI
    ///   and SAFI (RFC 7606 §7.11) or a prefix is malformed (RFC 7606 §5.3).
    static func decode(
        _ value: ByteCursor
    ) throws(MalformedMultiprotocolAttribute) -> MultiprotocolUnreach? {
        var value = value
        guard let family = AddressFamily.read(&value) else {
            throw MalformedMultiprotocolAttribute()
        }
        return try MultiprotocolPrefixes.decode(value, family: family).map {
            MultiprotocolUnreach(withdrawn: $0)
        }
    }

    /// The length of the value: AFI, SAFI and the withdrawn prefixes.
    var encodedLength: Int { 3 + withdrawn.encodedLength }

    /// Appends the whole attribute, optional non-transitive (RFC 4760 §4).
    func encode(into buffer: inout [UInt8]) {
        PathAttributes.appendHeader(
            [.optional], .multiprotocolUnreachableNLRI, encodedLength, &buffer)
        family.encode(into: &buffer)
        withdrawn.encode(into: &buffer)
    }
}
