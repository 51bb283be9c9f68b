/// Decodes the body of an UPDATE (RFC 4271 §4.3) with the revised error
/// handling of RFC 7606.
///
/// The three fields are found first from their lengths, then the prefixes
/// are read, then the attributes. An error in the framing or in a prefix
/// resets the session; attribute errors get the approach RFC 7606 §7 gives
/// each attribute, the worst one winning. The prefixes of the multiprotocol
/// attributes are read with the attributes (RFC 4760).
struct UpdateDecoder {
    /// What the session negotiated: two- or four-octet ASes, path identifiers.
    let options: UpdateDecodingOptions

    /// Decodes `body`, the bytes after the header, at least four long.
    ///
    /// - Throws: UPDATE Message Error 3/1 when the Withdrawn Routes Length or
    ///   Total Path Attribute Length disagrees with the message length, 3/10
    ///   for an unparseable prefix or a path identifier cut short, 3/9 for a
    ///   malformed MP_REACH_NLRI or MP_UNREACH_NLRI, and the other
    ///   session-reset attribute errors of `PathAttributeDecoder`.
    func decode(_ body: ByteCursor) throws(NotificationMessage) -> UpdateMessage {
        var body = body
        guard let withdrawnLength = body.readUInt16(),
            let withdrawnBlock = body.take(Int(withdrawnLength)),
            let attributesLength = body.readUInt16(),
            let attributeBlock = body.take(Int(attributesLength))
        else { throw .malformedAttributeList }

        // RFC 7606 §5.3: a prefix that cannot be parsed leaves nothing to
        // withdraw safely, so it resets the session; so does a path identifier
        // cut short, which leaves no whole prefix either (RFC 7911 §3).
        let withPathIdentifiers = options.ipv4PathIdentifiers
        let withdrawn = try UpdateDecoder.decodePrefixes(
            withdrawnBlock, withPathIdentifiers: withPathIdentifiers)
        let nlri = try UpdateDecoder.decodePrefixes(body, withPathIdentifiers: withPathIdentifiers)

        var update = UpdateMessage(
            withdrawnRoutes: withdrawn.prefixes, nlri: nlri.prefixes,
            withdrawnPathIdentifiers: withdrawn.pathIdentifiers,
            nlriPathIdentifiers: nlri.pathIdentifiers)
        var attributes = PathAttributeDecoder(options: options)
        try attributes.decode(attributeBlock, hasNLRI: !nlri.prefixes.isEmpty, into: &update)
        return update
    }

    /// Decodes a run of prefixes in NLRI form, each after a four-octet path
    /// identifier when `withPathIdentifiers` (RFC 7911 §3), the arrays sized
    /// by a first pass that also checks every length.
    ///
    /// - Returns: the prefixes and their path identifiers, empty without them.
    static func decodePrefixes(
        _ block: ByteCursor, withPathIdentifiers: Bool
    ) throws(NotificationMessage) -> (prefixes: [IPv4Prefix], pathIdentifiers: [UInt32]) {
        // Most UPDATEs withdraw nothing: no array to size then.
        guard !block.isAtEnd else { return ([], []) }
        let count = try countPrefixes(block, withPathIdentifiers: withPathIdentifiers)
        var prefixes: [IPv4Prefix] = []
        prefixes.reserveCapacity(count)
        var identifiers: [UInt32] = []
        if withPathIdentifiers { identifiers.reserveCapacity(count) }

        // The count checked every length, so each read below succeeds.
        var cursor = block
        for _ in 0..<count {
            if withPathIdentifiers, let identifier = cursor.readUInt32() {
                identifiers.append(identifier)
            }
            guard let length = cursor.readUInt8(),
                let address = cursor.readLeadingOctets((Int(length) + 7) / 8),
                let prefix = IPv4Prefix(address: IPv4Address(rawValue: address), length: length)
            else { break }
            prefixes.append(prefix)
        }
        return (prefixes, identifiers)
    }

    /// Counts the prefixes in `block`, checking that each is at most 32 bits
    /// long and that it, and its path identifier if any, ends inside the block
    /// (RFC 4271 §6.3, RFC 7606 §5.3, RFC 7911 §3).
    @inline(__always)
    private static func countPrefixes(
        _ block: ByteCursor, withPathIdentifiers: Bool
    ) throws(NotificationMessage) -> Int {
        var cursor = block
        var count = 0
        while !cursor.isAtEnd {
            guard !withPathIdentifiers || cursor.skip(4), let length = cursor.readUInt8(),
                length <= 32, cursor.skip((Int(length) + 7) / 8)
            else {
                throw NotificationMessage(
                    code: .updateMessageError, subcode: UpdateMessageSubcode.invalidNetworkField)
            }
            count += 1
        }
        return count
    }
}

extension NotificationMessage {
    /// UPDATE Message Error / Malformed Attribute List (RFC 4271 §6.3).
    static let malformedAttributeList = NotificationMessage(
        code: .updateMessageError, subcode: UpdateMessageSubcode.malformedAttributeList)
}
