import CLinux

/// One message of a netlink reply: its `nlmsghdr` fields and its payload.
struct NetlinkMessage {
    /// The size of `nlmsghdr` (NLMSG_HDRLEN).
    static let headerSize = Int(clinux_nlmsg_hdrlen())

    /// `nlmsg_type`.
    var type: NetlinkMessageType
    /// `nlmsg_flags`.
    var flags: NetlinkFlags
    /// `nlmsg_seq`: the sequence number of the request this answers.
    var sequence: UInt32
    /// The bytes after the header, up to `nlmsg_len`.
    var payload: ArraySlice<UInt8>

    /// Splits one received datagram into its messages.
    /// - Throws: `KernelError` (EBADMSG) when a length field is short or runs past the end;
    ///   the rest of the datagram cannot be framed then.
    static func split(_ datagram: ArraySlice<UInt8>) throws(KernelError) -> [NetlinkMessage] {
        let reader = NetlinkReader(datagram)
        var messages: [NetlinkMessage] = []
        var position = 0
        while position + headerSize <= reader.count {
            let message = try decode(reader, at: position)
            messages.append(message.message)
            position += Int(clinux_nlmsg_align(UInt32(message.length)))
        }
        return messages
    }

    /// The errno carried by an NLMSG_ERROR: 0 for an acknowledgement; nil for other types
    /// or an error message too short to hold its code.
    var errorNumber: Int32? {
        guard type == .error, let code = NetlinkReader(payload).load(at: 0, as: Int32.self)
        else { return nil }
        // The kernel sends a negative errno; Int32.min cannot be negated, so clamp it.
        return code == Int32.min ? Int32.max : -code
    }

    /// The error code of an NLMSG_DONE, which ends a dump that failed part-way (0 if fine).
    var doneErrorNumber: Int32 {
        guard let code = NetlinkReader(payload).load(at: 0, as: Int32.self),
            code != Int32.min
        else { return 0 }
        return -code
    }

    private static func decode(
        _ reader: NetlinkReader, at position: Int
    ) throws(KernelError) -> (message: NetlinkMessage, length: Int) {
        guard let header = reader.load(at: position, as: nlmsghdr.self),
            header.nlmsg_len >= headerSize,
            let whole = reader.slice(at: position, count: Int(header.nlmsg_len))
        else { throw .malformedReply("netlink message length does not fit the datagram") }
        let message = NetlinkMessage(
            type: NetlinkMessageType(rawValue: header.nlmsg_type),
            flags: NetlinkFlags(rawValue: header.nlmsg_flags), sequence: header.nlmsg_seq,
            payload: whole.dropFirst(headerSize))
        return (message, whole.count)
    }
}
