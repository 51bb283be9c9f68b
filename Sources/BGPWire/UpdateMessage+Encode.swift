extension UpdateMessage {
    /// Appends the body of the UPDATE: withdrawn routes, path attributes and
    /// NLRI, each block after its length (RFC 4271 §4.3).
    ///
    /// `treatAsWithdraw` and `discardedAttributes` describe how a received
    /// message was decoded and are not encoded.
    func encodeBody(into buffer: inout [UInt8], options: CodecOptions) {
        let withdrawnOffset = buffer.count
        buffer.appendUInt16(0)
        for prefix in withdrawnRoutes { buffer.appendPrefix(prefix) }
        UpdateMessage.finishLength(at: withdrawnOffset, in: &buffer)

        // RFC 7606 §5.1: the multiprotocol attributes go first, so that a
        // receiver finds the prefixes even when a later attribute is malformed;
        // withdrawals before announcements, as in the message and the packer.
        let attributesOffset = buffer.count
        buffer.appendUInt16(0)
        multiprotocolUnreach?.encode(into: &buffer)
        multiprotocolReach?.encode(into: &buffer)
        pathAttributes.encode(into: &buffer, options: options)
        UpdateMessage.finishLength(at: attributesOffset, in: &buffer)

        for prefix in nlri { buffer.appendPrefix(prefix) }
    }

    /// Writes into the two-octet field at `offset` the number of bytes after it.
    static func finishLength(at offset: Int, in buffer: inout [UInt8]) {
        let length = buffer.count - offset - 2
        precondition(length <= Int(UInt16.max), "an UPDATE field fits its 16-bit length")
        buffer.setUInt16(UInt16(length), at: offset)
    }
}
