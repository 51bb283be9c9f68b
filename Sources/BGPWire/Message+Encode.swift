extension Message {
    /// The message as bytes on the wire, header included.
    ///
    /// - Parameter options: what the OPEN exchange negotiated; it decides how
    ///   UPDATE attributes carry AS numbers (RFC 6793).
    public func encode(options: CodecOptions) -> [UInt8] {
        var buffer: [UInt8] = []
        encode(into: &buffer, options: options)
        return buffer
    }

    /// Appends the message, header included, to `buffer`: a connection's
    /// write buffer, say.
    ///
    /// The encoder does not split: an UPDATE with more prefixes than fit
    /// comes out longer than `options.maximumMessageLength`. `UpdatePacker`
    /// builds UPDATEs that fit.
    public func encode(into buffer: inout [UInt8], options: CodecOptions) {
        let start = Message.beginHeader(type, in: &buffer)
        switch self {
        case .open(let open): open.encode(into: &buffer)
        case .update(let update): update.encodeBody(into: &buffer, options: options)
        case .notification(let notification): notification.encode(into: &buffer)
        case .keepalive: break
        case .routeRefresh(let refresh): refresh.encode(into: &buffer)
        }
        Message.finishHeader(at: start, in: &buffer)
    }

    /// Appends a header whose length is still zero, returning where it starts.
    static func beginHeader(_ type: MessageType, in buffer: inout [UInt8]) -> Int {
        let start = buffer.count
        buffer.append(contentsOf: repeatElement(0xFF, count: MessageFramer.markerLength))
        buffer.appendUInt16(0)
        buffer.append(type.rawValue)
        return start
    }

    /// Writes the length of the message that starts at `start` and runs to the
    /// end of `buffer` into its header.
    static func finishHeader(at start: Int, in buffer: inout [UInt8]) {
        let length = buffer.count - start
        precondition(length <= Int(UInt16.max), "a message fits its 16-bit length field")
        buffer.setUInt16(UInt16(length), at: start + MessageFramer.markerLength)
    }
}
