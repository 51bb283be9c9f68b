extension MultiprotocolPrefixes {
    /// Decodes a run of prefixes of `family` in NLRI form (RFC 4760 §5), each after a
    /// four-octet path identifier when `withPathIdentifiers` (RFC 7911 §3); nil for a
    /// family this codec does not decode.
    ///
    /// - Returns: the prefixes, and their path identifiers (empty without them).
    /// - Throws: `MalformedMultiprotocolAttribute` when a prefix is longer than the family's
    ///   addresses, or it or its path identifier runs past the block (RFC 7606 §5.3).
    static func decode(
        _ block: ByteCursor, family: AddressFamily, withPathIdentifiers: Bool
    ) throws(MalformedMultiprotocolAttribute) -> (MultiprotocolPrefixes, [UInt32])? {
        var reader = NLRIReader(block, withPathIdentifiers: withPathIdentifiers)
        switch family {
        case .ipv4Unicast:
            let prefixes = try reader.readAll(maximumLength: 32) { cursor, length in
                cursor.readLeadingOctets((Int(length) + 7) / 8).flatMap {
                    IPv4Prefix(address: IPv4Address(rawValue: $0), length: length)
                }
            }
            return (.ipv4Unicast(prefixes), reader.pathIdentifiers)
        case .ipv6Unicast:
            let prefixes = try reader.readAll(maximumLength: 128) { cursor, length in
                cursor.readIPv6LeadingOctets((Int(length) + 7) / 8).flatMap {
                    IPv6Prefix(address: $0, length: length)
                }
            }
            return (.ipv6Unicast(prefixes), reader.pathIdentifiers)
        default:
            return nil
        }
    }

    /// The bytes the prefixes take in NLRI form, without path identifiers.
    var encodedLength: Int {
        switch self {
        case .ipv4Unicast(let prefixes): prefixes.reduce(0) { $0 + $1.encodedLength }
        case .ipv6Unicast(let prefixes): prefixes.reduce(0) { $0 + $1.encodedLength }
        }
    }

    /// The bytes `encode(into:pathIdentifiers:withPathIdentifiers:)` appends.
    func encodedLength(withPathIdentifiers: Bool) -> Int {
        encodedLength + (withPathIdentifiers ? 4 * count : 0)
    }

    /// Appends the prefixes in NLRI form, each after its path identifier when
    /// `withPathIdentifiers` (RFC 7911 §3).
    func encode(
        into buffer: inout [UInt8], pathIdentifiers: [UInt32], withPathIdentifiers: Bool
    ) {
        switch self {
        case .ipv4Unicast(let prefixes):
            buffer.appendNLRI(prefixes, pathIdentifiers, withPathIdentifiers: withPathIdentifiers)
        case .ipv6Unicast(let prefixes):
            buffer.appendNLRI(prefixes, pathIdentifiers, withPathIdentifiers: withPathIdentifiers)
        }
    }
}

/// Reads the entries of an NLRI block: a length octet and an address, after a path
/// identifier when the family carries them (RFC 7911 §3).
private struct NLRIReader {
    private var cursor: ByteCursor
    private let withPathIdentifiers: Bool
    /// The path identifiers read so far; empty without them.
    private(set) var pathIdentifiers: [UInt32] = []

    init(_ block: ByteCursor, withPathIdentifiers: Bool) {
        cursor = block
        self.withPathIdentifiers = withPathIdentifiers
    }

    /// Reads entries until the block ends, each prefix with `read`, which gets the cursor
    /// after the length octet and returns nil when the address runs out.
    mutating func readAll<Prefix>(
        maximumLength: UInt8, read: (inout ByteCursor, UInt8) -> Prefix?
    ) throws(MalformedMultiprotocolAttribute) -> [Prefix] {
        var prefixes: [Prefix] = []
        while !cursor.isAtEnd {
            if withPathIdentifiers {
                guard let identifier = cursor.readUInt32() else {
                    throw MalformedMultiprotocolAttribute()
                }
                pathIdentifiers.append(identifier)
            }
            guard let length = cursor.readUInt8(), length <= maximumLength,
                let prefix = read(&cursor, length)
            else { throw MalformedMultiprotocolAttribute() }
            prefixes.append(prefix)
        }
        return prefixes
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
