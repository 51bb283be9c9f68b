extension Array where Element == UInt8 {
    /// Appends a two-octet number in network order.
    mutating func appendUInt16(_ value: UInt16) {
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }

    /// Appends a four-octet number in network order.
    mutating func appendUInt32(_ value: UInt32) {
        append(UInt8(truncatingIfNeeded: value >> 24))
        append(UInt8(truncatingIfNeeded: value >> 16))
        append(UInt8(truncatingIfNeeded: value >> 8))
        append(UInt8(truncatingIfNeeded: value))
    }

    /// Appends an eight-octet number in network order.
    mutating func appendUInt64(_ value: UInt64) {
        appendUInt32(UInt32(truncatingIfNeeded: value >> 32))
        appendUInt32(UInt32(truncatingIfNeeded: value))
    }

    /// Overwrites two octets at `offset` with `value` in network order: a
    /// length field written before the bytes it counts.
    mutating func setUInt16(_ value: UInt16, at offset: Int) {
        self[offset] = UInt8(truncatingIfNeeded: value >> 8)
        self[offset + 1] = UInt8(truncatingIfNeeded: value)
    }

    /// Appends a prefix in NLRI form: the length in bits, then only the
    /// octets that hold those bits (RFC 4271 §4.3).
    mutating func appendPrefix(_ prefix: IPv4Prefix) {
        append(prefix.length)
        let address = prefix.address.rawValue
        for index in 0..<prefix.encodedAddressLength {
            append(UInt8(truncatingIfNeeded: address >> (24 - 8 * UInt32(index))))
        }
    }

    /// Appends the sixteen octets of an IPv6 address in network order.
    mutating func appendIPv6(_ address: IPv6Address) {
        appendUInt64(address.high)
        appendUInt64(address.low)
    }

    /// Appends an IPv6 prefix in NLRI form: the length in bits, then only the octets that
    /// hold those bits (RFC 4760 §5, RFC 2545 §2).
    mutating func appendPrefix(_ prefix: IPv6Prefix) {
        append(prefix.length)
        for index in 0..<prefix.encodedAddressLength {
            let half = index < 8 ? prefix.address.high : prefix.address.low
            append(UInt8(truncatingIfNeeded: half >> (56 - 8 * UInt64(index % 8))))
        }
    }
}

extension Array where Element == UInt8 {
    /// Appends `prefixes` in NLRI form, each after a four-octet path identifier when
    /// `withPathIdentifiers` (RFC 7911 §3): its own from `pathIdentifiers`, or 0 for all
    /// when that is empty. Without path identifiers, `pathIdentifiers` is not written.
    ///
    /// - Precondition: `pathIdentifiers` is empty or as long as `prefixes`.
    mutating func appendNLRI<Prefix: NLRIPrefix>(
        _ prefixes: [Prefix], _ pathIdentifiers: [UInt32], withPathIdentifiers: Bool
    ) {
        precondition(
            pathIdentifiers.isEmpty || pathIdentifiers.count == prefixes.count,
            "path identifiers are none or one per prefix")
        for (index, prefix) in prefixes.enumerated() {
            if withPathIdentifiers {
                appendUInt32(pathIdentifiers.isEmpty ? 0 : pathIdentifiers[index])
            }
            prefix.append(to: &self)
        }
    }
}

/// A prefix that goes into NLRI form: what the multiprotocol packer needs of it.
protocol NLRIPrefix {
    /// The bytes the prefix takes in NLRI form, length octet included.
    var encodedLength: Int { get }
    /// Appends the prefix in NLRI form.
    func append(to buffer: inout [UInt8])
}

extension IPv6Prefix: NLRIPrefix {
    /// The octets the address takes in NLRI form: the length rounded up to whole octets.
    var encodedAddressLength: Int { (Int(length) + 7) / 8 }

    /// The bytes the prefix takes in NLRI form, length octet included.
    var encodedLength: Int { 1 + encodedAddressLength }

    func append(to buffer: inout [UInt8]) { buffer.appendPrefix(self) }
}

extension IPv4Prefix: NLRIPrefix {
    /// The octets the address takes in NLRI form: the length rounded up to
    /// whole octets.
    var encodedAddressLength: Int { (Int(length) + 7) / 8 }

    /// The bytes the prefix takes in NLRI form, length octet included.
    var encodedLength: Int { 1 + encodedAddressLength }

    func append(to buffer: inout [UInt8]) { buffer.appendPrefix(self) }
}
