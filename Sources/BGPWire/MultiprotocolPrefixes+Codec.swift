extension MultiprotocolPrefixes {
    /// Decodes a run of prefixes of `family` in NLRI form (RFC 4760 §5); nil for a family
    /// this codec does not decode.
    ///
    /// - Throws: `MalformedMultiprotocolAttribute` when a prefix is longer than the family's
    ///   addresses or runs past the block (RFC 7606 §5.3).
    static func decode(
        _ block: ByteCursor, family: AddressFamily
    ) throws(MalformedMultiprotocolAttribute) -> MultiprotocolPrefixes? {
        switch family {
        case .ipv4Unicast:
            return .ipv4Unicast(
                try decodePrefixes(block, maximumLength: 32) { cursor, length in
                    cursor.readLeadingOctets((Int(length) + 7) / 8).flatMap {
                        IPv4Prefix(address: IPv4Address(rawValue: $0), length: length)
                    }
                })
        case .ipv6Unicast:
            return .ipv6Unicast(
                try decodePrefixes(block, maximumLength: 128) { cursor, length in
                    cursor.readIPv6LeadingOctets((Int(length) + 7) / 8).flatMap {
                        IPv6Prefix(address: $0, length: length)
                    }
                })
        default:
            return nil
        }
    }

    /// Reads prefixes until the block ends, each with `read`, which gets the cursor after
    /// the length octet and returns nil when the address runs out.
    private static func decodePrefixes<Prefix>(
        _ block: ByteCursor, maximumLength: UInt8,
        read: (inout ByteCursor, UInt8) -> Prefix?
    ) throws(MalformedMultiprotocolAttribute) -> [Prefix] {
        var cursor = block
        var prefixes: [Prefix] = []
        while let length = cursor.readUInt8() {
            guard length <= maximumLength, let prefix = read(&cursor, length) else {
                throw MalformedMultiprotocolAttribute()
            }
            prefixes.append(prefix)
        }
        return prefixes
    }

    /// The bytes `encode(into:)` appends.
    var encodedLength: Int {
        switch self {
        case .ipv4Unicast(let prefixes): prefixes.reduce(0) { $0 + $1.encodedLength }
        case .ipv6Unicast(let prefixes): prefixes.reduce(0) { $0 + $1.encodedLength }
        }
    }

    /// Appends the prefixes in NLRI form.
    func encode(into buffer: inout [UInt8]) {
        switch self {
        case .ipv4Unicast(let prefixes): for prefix in prefixes { buffer.appendPrefix(prefix) }
        case .ipv6Unicast(let prefixes): for prefix in prefixes { buffer.appendPrefix(prefix) }
        }
    }
}

/// An MP_REACH_NLRI or MP_UNREACH_NLRI of a family this codec decodes that cannot be
/// parsed: RFC 7606 §7.11 and §5.3 call for "session reset" or "AFI/SAFI disable".
struct MalformedMultiprotocolAttribute: Error {}

extension AddressFamily {
    /// Reads an AFI (two octets) and a SAFI (one), as both multiprotocol attributes start.
    static func read(_ cursor: inout ByteCursor) -> AddressFamily? {
        guard let afi = cursor.readUInt16(), let safi = cursor.readUInt8() else { return nil }
        return AddressFamily(afi: AFI(rawValue: afi), safi: SAFI(rawValue: safi))
    }

    /// Appends the AFI and SAFI.
    func encode(into buffer: inout [UInt8]) {
        buffer.appendUInt16(afi.rawValue)
        buffer.append(safi.rawValue)
    }
}
