/// Packs prefixes into as few UPDATE messages as fit the negotiated length.
///
/// Withdrawals come first; announcements follow under one copy of the
/// attribute block per message, starting in the last message with
/// withdrawals when room is left. Every message is at most
/// `options.maximumMessageLength` bytes (RFC 4271 §4.1, RFC 8654). IPv4
/// prefixes go in the fields of RFC 4271 §4.3, IPv6 prefixes in MP_UNREACH_NLRI
/// and MP_REACH_NLRI (RFC 4760), one family per call. With ADD-PATH (RFC 7911)
/// each prefix may bring its path identifier, in an array parallel to the
/// prefixes; they are sent only for the families in `options.addPathSend`.
public enum UpdatePacker {
    /// The packed UPDATEs, each one whole message with its header.
    ///
    /// - Parameters:
    ///   - withdrawn: prefixes to withdraw.
    ///   - announced: prefixes to announce, all with `attributes`.
    ///   - attributes: the path attributes of every announced prefix.
    ///   - options: what the session negotiated: AS size and message length.
    /// - Returns: the messages in sending order; none when both lists are
    ///   empty. Announcements whose attributes leave no room for even one
    ///   prefix in a message are left out, as no UPDATE could carry them.
    public static func pack(
        withdrawn: [IPv4Prefix], announced: [IPv4Prefix], attributes: PathAttributes,
        options: CodecOptions
    ) -> [[UInt8]] {
        var buffer: [UInt8] = []
        let count = packInto(
            &buffer, withdrawn: withdrawn, announced: announced, attributes: attributes,
            options: options)
        return split(buffer, count: count)
    }

    /// The `count` messages lying back to back in `buffer`, each cut at the length in its
    /// header.
    static func split(_ buffer: [UInt8], count: Int) -> [[UInt8]] {
        var messages: [[UInt8]] = []
        messages.reserveCapacity(count)
        var start = 0
        while start < buffer.count {
            let lengthOffset = start + MessageFramer.markerLength
            let length = Int(buffer[lengthOffset]) << 8 | Int(buffer[lengthOffset + 1])
            messages.append(Array(buffer[start..<start + length]))
            start += length
        }
        return messages
    }

    /// Appends the packed UPDATEs back to back to `buffer`, a connection's
    /// write buffer, say, and returns how many it appended. The parameters
    /// are those of `pack(withdrawn:announced:attributes:options:)`.
    @discardableResult
    public static func packInto(
        _ buffer: inout [UInt8], withdrawn: [IPv4Prefix], announced: [IPv4Prefix],
        attributes: PathAttributes, options: CodecOptions
    ) -> Int {
        packInto(
            &buffer, withdrawn: withdrawn, withdrawnPathIdentifiers: [], announced: announced,
            announcedPathIdentifiers: [], attributes: attributes, options: options)
    }

    /// The packed UPDATEs with ADD-PATH path identifiers (RFC 7911 §3), each one whole
    /// message with its header.
    ///
    /// When `options.addPathSend` holds IPv4 unicast, every prefix goes out after its path
    /// identifier, taken from the array parallel to its prefixes, or 0 for every prefix
    /// when that array is empty; the four octets count against the message length.
    /// Otherwise the identifiers are not sent, and the messages are those of
    /// `pack(withdrawn:announced:attributes:options:)`.
    ///
    /// - Precondition: each array of path identifiers is empty or as long as its prefixes.
    public static func pack(
        withdrawn: [IPv4Prefix], withdrawnPathIdentifiers: [UInt32], announced: [IPv4Prefix],
        announcedPathIdentifiers: [UInt32], attributes: PathAttributes, options: CodecOptions
    ) -> [[UInt8]] {
        var buffer: [UInt8] = []
        let count = packInto(
            &buffer, withdrawn: withdrawn, withdrawnPathIdentifiers: withdrawnPathIdentifiers,
            announced: announced, announcedPathIdentifiers: announcedPathIdentifiers,
            attributes: attributes, options: options)
        return split(buffer, count: count)
    }

    /// Appends the packed UPDATEs with path identifiers back to back to `buffer` and
    /// returns how many it appended. The parameters are those of the `pack` with
    /// `withdrawnPathIdentifiers` and `announcedPathIdentifiers`.
    @discardableResult
    public static func packInto(
        _ buffer: inout [UInt8], withdrawn: [IPv4Prefix], withdrawnPathIdentifiers: [UInt32],
        announced: [IPv4Prefix], announcedPathIdentifiers: [UInt32], attributes: PathAttributes,
        options: CodecOptions
    ) -> Int {
        var attributeBytes: [UInt8] = []
        if !announced.isEmpty { attributes.encode(into: &attributeBytes, options: options) }
        let withPathIdentifiers = options.addPathSend.contains(.ipv4Unicast)
        var state = PackingState(
            withdrawn: PendingPrefixes(
                withdrawn, pathIdentifiers: withdrawnPathIdentifiers,
                withPathIdentifiers: withPathIdentifiers),
            announced: PendingPrefixes(
                announced, pathIdentifiers: announcedPathIdentifiers,
                withPathIdentifiers: withPathIdentifiers),
            attributeBytes: attributeBytes, maximumLength: options.maximumMessageLength)
        var count = 0
        while state.hasWork, state.appendMessage(to: &buffer) { count += 1 }
        return count
    }
}

/// The prefixes still to pack, and how one message is filled.
private struct PackingState {
    var withdrawn: PendingPrefixes<IPv4Prefix>
    var announced: PendingPrefixes<IPv4Prefix>
    let attributeBytes: [UInt8]
    let maximumLength: Int

    /// Whether prefixes remain to be packed.
    var hasWork: Bool { !withdrawn.isEmpty || !announced.isEmpty }

    /// Appends one UPDATE holding as many of the remaining prefixes as fit;
    /// false, appending nothing, when none fits.
    mutating func appendMessage(to buffer: inout [UInt8]) -> Bool {
        let start = Message.beginHeader(.update, in: &buffer)
        // The header and both length fields are always present.
        var room = maximumLength - MessageLimits.headerLength - 4
        var packed = 0

        let withdrawnOffset = buffer.count
        buffer.appendUInt16(0)
        packed += Self.move(&withdrawn, into: &buffer, room: &room)
        UpdateMessage.finishLength(at: withdrawnOffset, in: &buffer)

        let attributesOffset = buffer.count
        buffer.appendUInt16(0)
        if withdrawn.isEmpty, let first = announced.firstLength,
            attributeBytes.count + first <= room
        {
            buffer.append(contentsOf: attributeBytes)
            room -= attributeBytes.count
            UpdateMessage.finishLength(at: attributesOffset, in: &buffer)
            packed += Self.move(&announced, into: &buffer, room: &room)
        }

        guard packed > 0 else {
            buffer.removeSubrange(start...)
            return false
        }
        Message.finishHeader(at: start, in: &buffer)
        return true
    }

    /// Moves prefixes from the front of `prefixes` into `buffer` while they
    /// fit in `room`, returning how many moved.
    private static func move(
        _ prefixes: inout PendingPrefixes<IPv4Prefix>, into buffer: inout [UInt8],
        room: inout Int
    ) -> Int {
        let (count, length) = prefixes.fitting(room: room)
        prefixes.move(count, into: &buffer)
        room -= length
        return count
    }
}
