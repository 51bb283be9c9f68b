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
    /// identifier when `withPathIdentifiers` (RFC 7911 §3), checking that each
    /// is at most 32 bits long and that it, and its path identifier if any,
    /// ends inside the block (RFC 4271 §6.3, RFC 7606 §5.3, RFC 7911 §3).
    ///
    /// - Returns: the prefixes and their path identifiers, empty without them.
    static func decodePrefixes(
        _ block: ByteCursor, withPathIdentifiers: Bool
    ) throws(NotificationMessage) -> (prefixes: [IPv4Prefix], pathIdentifiers: [UInt32]) {
        // Most UPDATEs withdraw nothing: no array to size then.
        guard !block.isAtEnd else { return ([], []) }

        // One pass, the arrays sized for entries of three bytes (a /24 takes four, a
        // /17 to /23 three), so that they rarely grow; a counting pass before cost
        // more than it saved.
        let estimate = block.remaining / (withPathIdentifiers ? 7 : 3) + 1
        var prefixes: [IPv4Prefix] = []
        prefixes.reserveCapacity(estimate)
        var identifiers: [UInt32] = []
        if withPathIdentifiers { identifiers.reserveCapacity(estimate) }

        var cursor = block
        while !cursor.isAtEnd {
            if withPathIdentifiers {
                guard let identifier = cursor.readUInt32() else { throw .invalidNetworkField }
                identifiers.append(identifier)
            }
            guard let length = cursor.readUInt8(),
                let address = cursor.readLeadingOctets((Int(length) + 7) / 8),
                let prefix = IPv4Prefix(address: IPv4Address(rawValue: address), length: length)
            else { throw .invalidNetworkField }
            prefixes.append(prefix)
        }
        return (prefixes, identifiers)
    }
}

extension NotificationMessage {
    /// UPDATE Message Error / Invalid Network Field (RFC 4271 §6.3).
    static let invalidNetworkField = NotificationMessage(
        code: .updateMessageError, subcode: UpdateMessageSubcode.invalidNetworkField)

    /// UPDATE Message Error / Malformed Attribute List (RFC 4271 §6.3).
    static let malformedAttributeList = NotificationMessage(
        code: .updateMessageError, subcode: UpdateMessageSubcode.malformedAttributeList)
}
