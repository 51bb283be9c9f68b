extension UpdateMessage {
    /// Appends the body of the UPDATE: withdrawn routes, path attributes and
    /// NLRI, each block after its length (RFC 4271 §4.3). The prefixes of the
    /// families in `options.addPathSend` go after their path identifiers (RFC
    /// 7911 §3), 0 for each when the message has none.
    ///
    /// `treatAsWithdraw` and `discardedAttributes` describe how a received
    /// message was decoded and are not encoded.
    func encodeBody(into buffer: inout [UInt8], options: CodecOptions) {
        let withPathIdentifiers = options.addPathSend.contains(.ipv4Unicast)
        let withdrawnOffset = buffer.count
        buffer.appendUInt16(0)
        buffer.appendNLRI(
            withdrawnRoutes, withdrawnPathIdentifiers, withPathIdentifiers: withPathIdentifiers)
        UpdateMessage.finishLength(at: withdrawnOffset, in: &buffer)

        // RFC 7606 §5.1: the multiprotocol attributes go first, so that a
        // receiver finds the prefixes even when a later attribute is malformed;
        // withdrawals before announcements, as in the message and the packer.
        let attributesOffset = buffer.count
        buffer.appendUInt16(0)
        multiprotocolUnreach?.encode(into: &buffer, addPathFamilies: options.addPathSend)
        multiprotocolReach?.encode(into: &buffer, addPathFamilies: options.addPathSend)
        pathAttributes.encode(into: &buffer, options: options)
        UpdateMessage.finishLength(at: attributesOffset, in: &buffer)

        buffer.appendNLRI(nlri, nlriPathIdentifiers, withPathIdentifiers: withPathIdentifiers)
    }

    /// Writes into the two-octet field at `offset` the number of bytes after it.
    static func finishLength(at offset: Int, in buffer: inout [UInt8]) {
        let length = buffer.count - offset - 2
        precondition(length <= Int(UInt16.max), "an UPDATE field fits its 16-bit length")
        buffer.setUInt16(UInt16(length), at: offset)
    }
}
