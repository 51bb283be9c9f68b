extension UpdatePacker {
    /// IPv6 unicast prefixes packed into UPDATEs, each one whole message with its header:
    /// withdrawals in MP_UNREACH_NLRI (with no other attribute, RFC 4760 §4), then
    /// announcements in MP_REACH_NLRI followed by `attributes`, as for IPv4.
    ///
    /// - Parameters:
    ///   - withdrawn: prefixes to withdraw.
    ///   - announced: prefixes to announce, all with `attributes` and the next hop.
    ///   - nextHop: the global next hop of the announced prefixes; unused when there are
    ///     none.
    ///   - linkLocalNextHop: the link-local next hop that RFC 2545 §3 adds for a peer on
    ///     the same subnet, or nil.
    ///   - attributes: the path attributes of every announced prefix; their NEXT_HOP is
    ///     left out, as RFC 4760 §3 says an UPDATE without other NLRI should not carry it.
    ///   - options: what the session negotiated: AS size and message length.
    /// - Returns: the messages in sending order; none when both lists are empty.
    ///   Announcements whose attributes leave no room for one prefix are left out.
    public static func pack(
        withdrawn: [IPv6Prefix], announced: [IPv6Prefix], nextHop: IPv6Address,
        linkLocalNextHop: IPv6Address? = nil, attributes: PathAttributes, options: CodecOptions
    ) -> [[UInt8]] {
        var buffer: [UInt8] = []
        let count = packInto(
            &buffer, withdrawn: withdrawn, announced: announced, nextHop: nextHop,
            linkLocalNextHop: linkLocalNextHop, attributes: attributes, options: options)
        return split(buffer, count: count)
    }

    /// Appends the packed IPv6 UPDATEs back to back to `buffer` and returns how many it
    /// appended. The parameters are those of
    /// `pack(withdrawn:announced:nextHop:linkLocalNextHop:attributes:options:)`.
    @discardableResult
    public static func packInto(
        _ buffer: inout [UInt8], withdrawn: [IPv6Prefix], announced: [IPv6Prefix],
        nextHop: IPv6Address, linkLocalNextHop: IPv6Address? = nil, attributes: PathAttributes,
        options: CodecOptions
    ) -> Int {
        packInto(
            &buffer, withdrawn: withdrawn, withdrawnPathIdentifiers: [], announced: announced,
            announcedPathIdentifiers: [], nextHop: nextHop, linkLocalNextHop: linkLocalNextHop,
            attributes: attributes, options: options)
    }

    /// IPv6 unicast prefixes packed into UPDATEs with ADD-PATH path identifiers (RFC 7911
    /// §3), each one whole message with its header.
    ///
    /// When `options.addPathSend` holds IPv6 unicast, every prefix goes out after its path
    /// identifier, taken from the array parallel to its prefixes, or 0 for every prefix
    /// when that array is empty; the four octets count against the message length.
    /// Otherwise the identifiers are not sent. The other parameters are those of
    /// `pack(withdrawn:announced:nextHop:linkLocalNextHop:attributes:options:)`.
    ///
    /// - Precondition: each array of path identifiers is empty or as long as its prefixes.
    public static func pack(
        withdrawn: [IPv6Prefix], withdrawnPathIdentifiers: [UInt32], announced: [IPv6Prefix],
        announcedPathIdentifiers: [UInt32], nextHop: IPv6Address,
        linkLocalNextHop: IPv6Address? = nil, attributes: PathAttributes, options: CodecOptions
    ) -> [[UInt8]] {
        var buffer: [UInt8] = []
        let count = packInto(
            &buffer, withdrawn: withdrawn, withdrawnPathIdentifiers: withdrawnPathIdentifiers,
            announced: announced, announcedPathIdentifiers: announcedPathIdentifiers,
            nextHop: nextHop, linkLocalNextHop: linkLocalNextHop, attributes: attributes,
            options: options)
        return split(buffer, count: count)
    }

    /// Appends the packed IPv6 UPDATEs with path identifiers back to back to `buffer` and
    /// returns how many it appended. The parameters are those of the IPv6 `pack` with
    /// `withdrawnPathIdentifiers` and `announcedPathIdentifiers`.
    @discardableResult
    public static func packInto(
        _ buffer: inout [UInt8], withdrawn: [IPv6Prefix], withdrawnPathIdentifiers: [UInt32],
        announced: [IPv6Prefix], announcedPathIdentifiers: [UInt32], nextHop: IPv6Address,
        linkLocalNextHop: IPv6Address? = nil, attributes: PathAttributes, options: CodecOptions
    ) -> Int {
        var attributeBytes: [UInt8] = []
        if !announced.isEmpty {
            var withoutNextHop = attributes
            withoutNextHop.nextHop = nil
            withoutNextHop.encode(into: &attributeBytes, options: options)
        }
        let withPathIdentifiers = options.addPathSend.contains(.ipv6Unicast)
        var state = MultiprotocolPackingState(
            family: .ipv6Unicast, nextHop: .ipv6(global: nextHop, linkLocal: linkLocalNextHop),
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

/// The prefixes of one family still to pack into multiprotocol attributes, and how one
/// message is filled.
private struct MultiprotocolPackingState<Prefix: NLRIPrefix> {
    let family: AddressFamily
    let nextHop: MultiprotocolNextHop
    var withdrawn: PendingPrefixes<Prefix>
    var announced: PendingPrefixes<Prefix>
    let attributeBytes: [UInt8]
    let maximumLength: Int

    /// Flags, type and a two-octet length, then AFI and SAFI: what either attribute
    /// takes before its prefixes, at most.
    private static var attributeOverhead: Int { 4 + 3 }

    /// Whether prefixes remain to be packed.
    var hasWork: Bool { !withdrawn.isEmpty || !announced.isEmpty }

    /// Appends one UPDATE holding as many of the remaining prefixes as fit; false,
    /// appending nothing, when none fits.
    mutating func appendMessage(to buffer: inout [UInt8]) -> Bool {
        let start = Message.beginHeader(.update, in: &buffer)
        buffer.appendUInt16(0)  // no IPv4 withdrawn routes
        let attributesOffset = buffer.count
        buffer.appendUInt16(0)
        var room = maximumLength - MessageLimits.headerLength - 4

        var packed = appendUnreach(to: &buffer, room: &room)
        if withdrawn.isEmpty { packed += appendReach(to: &buffer, room: &room) }
        guard packed > 0 else {
            buffer.removeSubrange(start...)
            return false
        }
        UpdateMessage.finishLength(at: attributesOffset, in: &buffer)
        Message.finishHeader(at: start, in: &buffer)
        return true
    }

    /// Appends an MP_UNREACH_NLRI with as many withdrawals as fit, returning how many.
    private mutating func appendUnreach(to buffer: inout [UInt8], room: inout Int) -> Int {
        let (count, length) = withdrawn.fitting(room: room - Self.attributeOverhead)
        guard count > 0 else { return 0 }
        PathAttributes.appendHeader(
            [.optional], .multiprotocolUnreachableNLRI, 3 + length, &buffer)
        family.encode(into: &buffer)
        withdrawn.move(count, into: &buffer)
        room -= Self.attributeOverhead + length
        return count
    }

    /// Appends an MP_REACH_NLRI with as many announcements as fit, then the other
    /// attributes, returning how many prefixes went in.
    private mutating func appendReach(to buffer: inout [UInt8], room: inout Int) -> Int {
        let fixed = 1 + nextHop.encodedLength + 1  // next-hop length, next hop, Reserved
        let overhead = Self.attributeOverhead + fixed + attributeBytes.count
        let (count, length) = announced.fitting(room: room - overhead)
        guard count > 0 else { return 0 }
        PathAttributes.appendHeader(
            [.optional], .multiprotocolReachableNLRI, 3 + fixed + length, &buffer)
        family.encode(into: &buffer)
        nextHop.encode(into: &buffer)
        buffer.append(0)
        announced.move(count, into: &buffer)
        buffer.append(contentsOf: attributeBytes)
        room -= overhead + length
        return count
    }
}
