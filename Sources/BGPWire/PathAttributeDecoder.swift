/// Decodes the path attributes of one UPDATE, applying RFC 7606.
///
/// Each malformed attribute records the approach RFC 7606 §7 (or RFC 6793
/// §6) gives it; the worst one decides the outcome (RFC 7606 §3 j). Errors
/// that call for a session reset are thrown at once. MP_REACH_NLRI and
/// MP_UNREACH_NLRI of IPv4 and IPv6 unicast come out typed, beside the
/// attributes rather than in them; those of other families stay raw.
///
/// The decoder writes into the UPDATE it is given rather than keeping the values itself,
/// so that nothing is copied out of it at the end.
struct PathAttributeDecoder {
    /// What the session negotiated: two- or four-octet ASes, path identifiers.
    let options: UpdateDecodingOptions
    /// The worst approach any error so far called for.
    private var disposition: ErrorDisposition?

    private var seen = AttributeTypeSet()
    private var sawASPath = false
    /// The value of a well-formed AS4_PATH, decoded again for the merge: kept as bytes,
    /// the decoder holds no reference and costs nothing to destroy.
    private var as4PathValue: ByteCursor?
    private var as4Aggregator: Aggregator?

    init(options: UpdateDecodingOptions) {
        self.options = options
    }

    /// Decodes the whole attribute block into `update`: its path attributes, its
    /// multiprotocol attributes, `discardedAttributes` and `treatAsWithdraw`.
    ///
    /// - Parameter hasNLRI: whether the NLRI field announces prefixes, which
    ///   makes ORIGIN, AS_PATH and NEXT_HOP mandatory (RFC 4271 §5).
    mutating func decode(
        _ block: ByteCursor, hasNLRI: Bool, into update: inout UpdateMessage
    ) throws(NotificationMessage) {
        var block = block
        while !block.isAtEnd, try decodeAttribute(&block, &update) {}

        // RFC 7606 §3 d: a missing well-known mandatory attribute is
        // treat-as-withdraw rather than a session reset. Prefixes in MP_REACH_NLRI
        // need ORIGIN and AS_PATH too, but not NEXT_HOP (RFC 4760 §3); an UPDATE
        // that only withdraws needs nothing (RFC 4760 §4).
        let announcesMultiprotocol = update.multiprotocolReach.map { !$0.nlri.isEmpty } ?? false
        if hasNLRI || announcesMultiprotocol, update.pathAttributes.origin == nil || !sawASPath {
            note(.treatAsWithdraw)
        }
        if hasNLRI, update.pathAttributes.nextHop == nil { note(.treatAsWithdraw) }
        if !options.fourOctetAS {
            mergeFourOctetAttributes(&update)
            forgetPartialFourOctetAttributes(&update)
        }
        update.treatAsWithdraw = disposition == .treatAsWithdraw
    }

    /// Records that the recognised optional transitive attribute of `header`
    /// came with the Partial bit, to be kept when passed on (RFC 4271 §5).
    private mutating func keepPartial(_ header: Header, _ update: inout UpdateMessage) {
        guard header.flags.contains(.partial) else { return }
        update.pathAttributes.partialAttributes.insert(header.type)
    }

    /// Records an error's approach, keeping the worst.
    private mutating func note(_ found: ErrorDisposition) {
        disposition = max(disposition ?? found, found)
    }

    /// Records that the attribute `type` was malformed and what that calls for.
    private mutating func malformed(
        _ type: AttributeType, _ found: ErrorDisposition, _ update: inout UpdateMessage
    ) {
        note(found)
        if found == .attributeDiscard { update.discardedAttributes.append(type) }
    }

    // MARK: - Framing

    /// Decodes the attribute at the cursor; false when the block cannot be
    /// read any further.
    private mutating func decodeAttribute(
        _ block: inout ByteCursor, _ update: inout UpdateMessage
    ) throws(NotificationMessage) -> Bool {
        let start = block.position
        guard let flagsOctet = block.readUInt8(), let typeOctet = block.readUInt8() else {
            return truncatedAttribute()
        }
        let flags = AttributeFlags(rawValue: flagsOctet)
        let length =
            flags.contains(.extendedLength)
            ? block.readUInt16().map(Int.init) : block.readUInt8().map(Int.init)
        guard let length, let value = block.take(length) else { return truncatedAttribute() }

        let type = AttributeType(rawValue: typeOctet)
        guard seen.insert(type) else {
            try duplicate(type, &update)
            return true
        }
        let header = Header(flags: flags, type: type, start: start)
        try decodeValue(value, header, &update)
        return true
    }

    /// RFC 7606 §4: an attribute whose header or value runs past the Total
    /// Path Attribute Length is treat-as-withdraw; the NLRI is still found
    /// from that total, so parsing stops here.
    private mutating func truncatedAttribute() -> Bool {
        note(.treatAsWithdraw)
        return false
    }

    /// RFC 7606 §3 g: a repeated MP_REACH_NLRI or MP_UNREACH_NLRI resets the
    /// session; any other repeat is discarded, the first kept.
    private mutating func duplicate(
        _ type: AttributeType, _ update: inout UpdateMessage
    ) throws(NotificationMessage) {
        guard type != .multiprotocolReachableNLRI, type != .multiprotocolUnreachableNLRI else {
            throw .malformedAttributeList
        }
        malformed(type, .attributeDiscard, &update)
    }

    /// The flags and type of the attribute being decoded, and where in the
    /// buffer it starts, so that an error can quote it without a copy
    /// being made for every attribute.
    private struct Header {
        var flags: AttributeFlags
        var type: AttributeType
        var start: Int

        /// Whether the Optional and Transitive bits are what the attribute's
        /// definition says (RFC 4271 §6.3, RFC 7606 §3 c).
        func has(_ expected: AttributeFlags) -> Bool {
            flags.intersection([.optional, .transitive]) == expected
        }
    }
}

// MARK: - Attribute values

extension PathAttributeDecoder {
    /// The flags of a well-known attribute.
    private static let wellKnown: AttributeFlags = [.transitive]
    /// The flags of an optional transitive attribute.
    private static let optionalTransitive: AttributeFlags = [.optional, .transitive]

    /// Decodes one attribute value by type. A flags conflict gets the same
    /// approach as a length error in the same attribute (RFC 7606 §3 c).
    private mutating func decodeValue(
        _ value: ByteCursor, _ header: Header, _ update: inout UpdateMessage
    ) throws(NotificationMessage) {
        var value = value
        switch header.type {
        case .origin: decodeOrigin(&value, header, &update)
        case .asPath: decodeASPath(value, header, &update)
        case .nextHop: decodeNextHop(&value, header, &update)
        case .multiExitDiscriminator:
            let number = decodeNumber(&value, header, flags: [.optional], &update)
            update.pathAttributes.multiExitDiscriminator = number
        case .localPreference:
            let number = decodeNumber(&value, header, flags: Self.wellKnown, &update)
            update.pathAttributes.localPreference = number
        case .atomicAggregate: decodeAtomicAggregate(value, header, &update)
        case .aggregator: decodeAggregator(&value, header, &update)
        case .communities: decodeCommunities(&value, header, &update)
        case .originatorID: decodeOriginatorID(&value, header, &update)
        case .clusterList: decodeClusterList(&value, header, &update)
        case .extendedCommunities: decodeExtendedCommunities(&value, header, &update)
        case .largeCommunities: decodeLargeCommunities(&value, header, &update)
        case .as4Path: decodeAS4Path(value, header, &update)
        case .as4Aggregator: decodeAS4Aggregator(&value, header, &update)
        case .multiprotocolReachableNLRI: try decodeMultiprotocolReach(value, header, &update)
        case .multiprotocolUnreachableNLRI: try decodeMultiprotocolUnreach(value, header, &update)
        default: try keepUninterpreted(value, header, &update)
        }
    }

    /// ORIGIN: one octet, 0 to 2 (RFC 7606 §7.1: treat-as-withdraw).
    private mutating func decodeOrigin(
        _ value: inout ByteCursor, _ header: Header, _ update: inout UpdateMessage
    ) {
        guard header.has(Self.wellKnown), value.remaining == 1, let octet = value.readUInt8(),
            octet <= Origin.incomplete.rawValue
        else { return malformed(header.type, .treatAsWithdraw, &update) }
        update.pathAttributes.origin = Origin(rawValue: octet)
    }

    /// AS_PATH with two- or four-octet ASes (RFC 7606 §7.2: treat-as-withdraw).
    private mutating func decodeASPath(
        _ value: ByteCursor, _ header: Header, _ update: inout UpdateMessage
    ) {
        let asSize = options.fourOctetAS ? 4 : 2
        // RFC 7607 §2: AS 0 in the path makes the UPDATE malformed (RFC 7606), and
        // `ASPath.decode` rejects it.
        guard header.has(Self.wellKnown), let path = ASPath.decode(value, asSize: asSize) else {
            return malformed(header.type, .treatAsWithdraw, &update)
        }
        update.pathAttributes.asPath = path
        sawASPath = true
    }

    /// NEXT_HOP: four octets (RFC 7606 §7.3: treat-as-withdraw).
    private mutating func decodeNextHop(
        _ value: inout ByteCursor, _ header: Header, _ update: inout UpdateMessage
    ) {
        guard header.has(Self.wellKnown), value.remaining == 4, let address = value.readUInt32()
        else { return malformed(header.type, .treatAsWithdraw, &update) }
        // RFC 4271 §6.3 asks for a valid host address; RFC 7606 §7.3 makes a
        // semantically wrong one treat-as-withdraw rather than a reset.
        let nextHop = IPv4Address(rawValue: address)
        guard nextHop.specialPurpose == nil else {
            return malformed(header.type, .treatAsWithdraw, &update)
        }
        update.pathAttributes.nextHop = nextHop
    }

    /// MULTI_EXIT_DISC or LOCAL_PREF: four octets (RFC 7606 §7.4, §7.5:
    /// treat-as-withdraw).
    private mutating func decodeNumber(
        _ value: inout ByteCursor, _ header: Header, flags: AttributeFlags,
        _ update: inout UpdateMessage
    ) -> UInt32? {
        guard header.has(flags), value.remaining == 4, let number = value.readUInt32() else {
            malformed(header.type, .treatAsWithdraw, &update)
            return nil
        }
        return number
    }

    /// ATOMIC_AGGREGATE: no value (RFC 7606 §7.6: attribute discard).
    private mutating func decodeAtomicAggregate(
        _ value: ByteCursor, _ header: Header, _ update: inout UpdateMessage
    ) {
        guard header.has(Self.wellKnown), value.isAtEnd else {
            return malformed(header.type, .attributeDiscard, &update)
        }
        update.pathAttributes.atomicAggregate = true
    }

    /// AGGREGATOR: an AS of the negotiated size and an address (RFC 7606
    /// §7.7: attribute discard).
    private mutating func decodeAggregator(
        _ value: inout ByteCursor, _ header: Header, _ update: inout UpdateMessage
    ) {
        let asSize = options.fourOctetAS ? 4 : 2
        guard header.has(Self.optionalTransitive), value.remaining == asSize + 4,
            let aggregator = Self.readAggregator(&value, asSize: asSize),
            aggregator.autonomousSystem != 0  // RFC 7607 §2
        else { return malformed(header.type, .attributeDiscard, &update) }
        update.pathAttributes.aggregator = aggregator
        keepPartial(header, &update)
    }

    /// COMMUNITIES: a non-empty multiple of four octets (RFC 7606 §7.8:
    /// treat-as-withdraw; §4: a zero length is malformed).
    private mutating func decodeCommunities(
        _ value: inout ByteCursor, _ header: Header, _ update: inout UpdateMessage
    ) {
        guard header.has(Self.optionalTransitive), value.remaining > 0,
            value.remaining % 4 == 0
        else { return malformed(header.type, .treatAsWithdraw, &update) }
        var communities: [Community] = []
        communities.reserveCapacity(value.remaining / 4)
        while let community = value.readUInt32() {
            communities.append(Community(rawValue: community))
        }
        update.pathAttributes.communities = communities
        keepPartial(header, &update)
    }

    /// ORIGINATOR_ID: four octets (RFC 4456 §8; RFC 7606 §7.9: treat-as-withdraw).
    private mutating func decodeOriginatorID(
        _ value: inout ByteCursor, _ header: Header, _ update: inout UpdateMessage
    ) {
        guard header.has([.optional]), value.remaining == 4, let address = value.readUInt32()
        else { return malformed(header.type, .treatAsWithdraw, &update) }
        update.pathAttributes.originatorID = IPv4Address(rawValue: address)
    }

    /// CLUSTER_LIST: a non-empty multiple of four octets (RFC 4456 §8; RFC 7606
    /// §7.10: treat-as-withdraw).
    private mutating func decodeClusterList(
        _ value: inout ByteCursor, _ header: Header, _ update: inout UpdateMessage
    ) {
        guard header.has([.optional]), value.remaining > 0, value.remaining % 4 == 0 else {
            return malformed(header.type, .treatAsWithdraw, &update)
        }
        var clusters: [IPv4Address] = []
        clusters.reserveCapacity(value.remaining / 4)
        while let cluster = value.readUInt32() { clusters.append(IPv4Address(rawValue: cluster)) }
        update.pathAttributes.clusterList = clusters
    }

    /// EXTENDED COMMUNITIES: a non-empty multiple of eight octets (RFC 4360 §2;
    /// RFC 7606 §7.14: treat-as-withdraw).
    private mutating func decodeExtendedCommunities(
        _ value: inout ByteCursor, _ header: Header, _ update: inout UpdateMessage
    ) {
        guard header.has(Self.optionalTransitive), value.remaining > 0, value.remaining % 8 == 0
        else { return malformed(header.type, .treatAsWithdraw, &update) }
        var communities: [ExtendedCommunity] = []
        communities.reserveCapacity(value.remaining / 8)
        while let high = value.readUInt32(), let low = value.readUInt32() {
            communities.append(ExtendedCommunity(rawValue: UInt64(high) << 32 | UInt64(low)))
        }
        update.pathAttributes.extendedCommunities = communities
        keepPartial(header, &update)
    }

    /// LARGE_COMMUNITY: a non-empty multiple of twelve octets (RFC 8092 §6:
    /// treat-as-withdraw). Repeated values are dropped, the first kept (§5).
    private mutating func decodeLargeCommunities(
        _ value: inout ByteCursor, _ header: Header, _ update: inout UpdateMessage
    ) {
        guard header.has(Self.optionalTransitive), value.remaining > 0,
            value.remaining % 12 == 0
        else { return malformed(header.type, .treatAsWithdraw, &update) }
        var communities: [LargeCommunity] = []
        var seen: Set<LargeCommunity> = []
        while let global = value.readUInt32(), let first = value.readUInt32(),
            let second = value.readUInt32()
        {
            let community = LargeCommunity(
                globalAdministrator: global, localData1: first, localData2: second)
            if seen.insert(community).inserted { communities.append(community) }
        }
        update.pathAttributes.largeCommunities = communities
        keepPartial(header, &update)
    }

    /// Reads an AS of `asSize` octets, then an IPv4 address.
    private static func readAggregator(_ value: inout ByteCursor, asSize: Int) -> Aggregator? {
        guard let autonomousSystem = value.readAutonomousSystem(size: asSize),
            let address = value.readUInt32()
        else { return nil }
        return Aggregator(
            autonomousSystem: autonomousSystem, address: IPv4Address(rawValue: address))
    }
}

// MARK: - Four-octet ASes and uninterpreted attributes

extension PathAttributeDecoder {
    /// AS4_PATH (RFC 6793 §6): discarded between four-octet speakers and when
    /// malformed; its confederation segments are dropped.
    private mutating func decodeAS4Path(
        _ value: ByteCursor, _ header: Header, _ update: inout UpdateMessage
    ) {
        guard !options.fourOctetAS, header.has(Self.optionalTransitive), value.remaining >= 6,
            ASPath.decode(value, asSize: 4) != nil  // and without AS 0 (RFC 7607 §2)
        else { return malformed(header.type, .attributeDiscard, &update) }
        as4PathValue = value
        keepPartial(header, &update)
    }

    /// AS4_AGGREGATOR (RFC 6793 §6): discarded between four-octet speakers
    /// and when malformed.
    private mutating func decodeAS4Aggregator(
        _ value: inout ByteCursor, _ header: Header, _ update: inout UpdateMessage
    ) {
        guard !options.fourOctetAS, header.has(Self.optionalTransitive), value.remaining == 8,
            let aggregator = Self.readAggregator(&value, asSize: 4),
            aggregator.autonomousSystem != 0  // RFC 7607 §2
        else { return malformed(header.type, .attributeDiscard, &update) }
        as4Aggregator = aggregator
        keepPartial(header, &update)
    }

    /// Builds the four-octet AGGREGATOR and AS_PATH from a two-octet peer's
    /// attributes (RFC 6793 §4.2.3). An AGGREGATOR that names a real
    /// two-octet AS beside an AS4_AGGREGATOR means the AS4 attributes are
    /// stale, and both are ignored.
    private mutating func mergeFourOctetAttributes(_ update: inout UpdateMessage) {
        // RFC 6793 §4.2.3: only when AGGREGATOR and AS4_AGGREGATOR both came, and
        // AGGREGATOR names a real two-octet AS, are AS4_AGGREGATOR and AS4_PATH ignored.
        if let aggregator = update.pathAttributes.aggregator, as4Aggregator != nil,
            aggregator.autonomousSystem != UInt32(ASNumber.trans)
        {
            return
        }
        if update.pathAttributes.aggregator != nil, let as4Aggregator {
            update.pathAttributes.aggregator = as4Aggregator
        }
        if sawASPath, let as4PathValue, let as4Path = ASPath.decode(as4PathValue, asSize: 4) {
            let path = update.pathAttributes.asPath
            update.pathAttributes.asPath = path.merging(as4Path.withoutConfederationSegments)
        }
    }

    /// AS4_PATH and AS4_AGGREGATOR are rebuilt from the merged path and
    /// aggregator when passed on, and only when an AS needs four octets
    /// (RFC 6793 §4.2.2); their Partial bit is kept only for the ones that
    /// will go out again.
    private mutating func forgetPartialFourOctetAttributes(_ update: inout UpdateMessage) {
        if !update.pathAttributes.asPath.withoutConfederationSegments.needsFourOctets {
            update.pathAttributes.partialAttributes.remove(.as4Path)
        }
        if (update.pathAttributes.aggregator?.autonomousSystem ?? 0) <= UInt32(UInt16.max) {
            update.pathAttributes.partialAttributes.remove(.as4Aggregator)
        }
    }

    /// Attributes this codec keeps as bytes: unknown optional transitive ones,
    /// which are passed on (RFC 4271 §5, §9). Unknown optional non-transitive
    /// ones are dropped; an unknown well-known one resets the session (RFC 4271
    /// §6.3).
    private mutating func keepUninterpreted(
        _ value: ByteCursor, _ header: Header, _ update: inout UpdateMessage
    ) throws(NotificationMessage) {
        if header.has(Self.optionalTransitive) { return keepRaw(value, header, &update) }
        guard header.flags.contains(.optional) else {
            throw NotificationMessage(
                code: .updateMessageError,
                subcode: UpdateMessageSubcode.unrecognizedWellKnownAttribute,
                data: value.copy(from: header.start, to: value.end))
        }
    }

    /// Keeps the attribute whole in `unrecognized`.
    private mutating func keepRaw(
        _ value: ByteCursor, _ header: Header, _ update: inout UpdateMessage
    ) {
        update.pathAttributes.unrecognized.append(
            RawAttribute(flags: header.flags, type: header.type, value: value.remainingBytes))
    }
}

// MARK: - Multiprotocol attributes

extension PathAttributeDecoder {
    /// MP_REACH_NLRI (RFC 4760 §3): typed for IPv4 and IPv6 unicast, kept raw
    /// and ignored for other families.
    private mutating func decodeMultiprotocolReach(
        _ value: ByteCursor, _ header: Header, _ update: inout UpdateMessage
    ) throws(NotificationMessage) {
        let reach: MultiprotocolReach?
        do {
            reach = try MultiprotocolReach.decode(
                value, options: options)
        } catch {
            throw Self.malformedMultiprotocol(value, header)
        }
        guard let reach else { return keepOtherFamily(value, header, &update) }
        guard header.has([.optional]) else { throw Self.malformedMultiprotocol(value, header) }
        update.multiprotocolReach = reach
    }

    /// MP_UNREACH_NLRI (RFC 4760 §4): typed for IPv4 and IPv6 unicast, kept
    /// raw and ignored for other families.
    private mutating func decodeMultiprotocolUnreach(
        _ value: ByteCursor, _ header: Header, _ update: inout UpdateMessage
    ) throws(NotificationMessage) {
        let unreach: MultiprotocolUnreach?
        do {
            unreach = try MultiprotocolUnreach.decode(
                value, options: options)
        } catch {
            throw Self.malformedMultiprotocol(value, header)
        }
        guard let unreach else { return keepOtherFamily(value, header, &update) }
        guard header.has([.optional]) else { throw Self.malformedMultiprotocol(value, header) }
        update.multiprotocolUnreach = unreach
    }

    /// Keeps a multiprotocol attribute of another family raw, whatever its
    /// flags or bytes: an error in it could only disable a family Brindle
    /// does not use. It is kept optional non-transitive, as RFC 4760 defines
    /// it, so that it is never passed on.
    private mutating func keepOtherFamily(
        _ value: ByteCursor, _ header: Header, _ update: inout UpdateMessage
    ) {
        var header = header
        header.flags = header.flags.subtracting([.transitive, .partial]).union(.optional)
        keepRaw(value, header, &update)
    }

    /// Wrong flags on a multiprotocol attribute of a family decoded here get
    /// the approach of a malformed value (RFC 7606 §3 c): RFC 7606 §7.11 and
    /// §5.3 give a malformed MP_REACH_NLRI or MP_UNREACH_NLRI "session reset"
    /// or "AFI/SAFI disable". Brindle has no AFI/SAFI disable, so it resets,
    /// with UPDATE Message Error / Optional Attribute Error and the attribute
    /// as data (RFC 4760 §7, RFC 4271 §6.3).
    private static func malformedMultiprotocol(
        _ value: ByteCursor, _ header: Header
    ) -> NotificationMessage {
        NotificationMessage(
            code: .updateMessageError, subcode: UpdateMessageSubcode.optionalAttributeError,
            data: value.copy(from: header.start, to: value.end))
    }
}
