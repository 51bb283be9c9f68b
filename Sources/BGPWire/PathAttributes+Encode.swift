extension PathAttributes {
    /// Appends the attributes in ascending type order, each with the flags
    /// its definition gives it (RFC 4271 §4.3, §5).
    ///
    /// For a two-octet peer (`options.fourOctetAS` false), AS_PATH and
    /// AGGREGATOR carry AS_TRANS for ASes above 65535, and AS4_PATH and
    /// AS4_AGGREGATOR carry the real ones (RFC 6793 §4.2.2). Attributes kept
    /// as bytes go out with the Partial bit set when they are optional
    /// transitive, since this speaker did not interpret them (RFC 4271 §5), as do
    /// the recognised ones named in `partialAttributes`.
    func encode(into buffer: inout [UInt8], options: CodecOptions) {
        let asSize = options.fourOctetAS ? 4 : 2
        encodeMandatory(into: &buffer, asSize: asSize)
        encodeOthers(into: &buffer, asSize: asSize)
        for attribute in trailingAttributes(options: options) {
            Self.appendHeader(attribute.flags, attribute.type, attribute.value.count, &buffer)
            buffer.append(contentsOf: attribute.value)
        }
    }

    /// ORIGIN, AS_PATH and NEXT_HOP. AS_PATH goes out whenever ORIGIN does,
    /// even empty, as it is mandatory beside it (RFC 4271 §5.1.2).
    private func encodeMandatory(into buffer: inout [UInt8], asSize: Int) {
        if let origin {
            Self.appendHeader(Self.wellKnown, .origin, 1, &buffer)
            buffer.append(origin.rawValue)
        }
        if origin != nil || !asPath.isEmpty {
            Self.appendHeader(
                Self.wellKnown, .asPath, asPath.encodedLength(asSize: asSize), &buffer)
            asPath.encode(into: &buffer, asSize: asSize)
        }
        if let nextHop {
            Self.appendHeader(Self.wellKnown, .nextHop, 4, &buffer)
            buffer.appendUInt32(nextHop.rawValue)
        }
    }

    /// MULTI_EXIT_DISC, LOCAL_PREF, ATOMIC_AGGREGATE, AGGREGATOR, COMMUNITIES.
    private func encodeOthers(into buffer: inout [UInt8], asSize: Int) {
        if let multiExitDiscriminator {
            Self.appendHeader([.optional], .multiExitDiscriminator, 4, &buffer)
            buffer.appendUInt32(multiExitDiscriminator)
        }
        if let localPreference {
            Self.appendHeader(Self.wellKnown, .localPreference, 4, &buffer)
            buffer.appendUInt32(localPreference)
        }
        if atomicAggregate { Self.appendHeader(Self.wellKnown, .atomicAggregate, 0, &buffer) }
        if let aggregator {
            Self.appendHeader(transitiveFlags(.aggregator), .aggregator, asSize + 4, &buffer)
            ASPath.append(aggregator.autonomousSystem, size: asSize, to: &buffer)
            buffer.appendUInt32(aggregator.address.rawValue)
        }
        if !communities.isEmpty {
            Self.appendHeader(
                transitiveFlags(.communities), .communities, 4 * communities.count, &buffer)
            for community in communities { buffer.appendUInt32(community.rawValue) }
        }
    }

    /// The attributes kept as bytes, Partial set on the optional transitive
    /// ones, with the decoded attributes above COMMUNITIES and AS4_PATH and
    /// AS4_AGGREGATOR for a two-octet peer, sorted by type.
    private func trailingAttributes(options: CodecOptions) -> [RawAttribute] {
        var trailing = unrecognized.map { attribute in
            var marked = attribute
            if marked.flags.isSuperset(of: Self.optionalTransitive) {
                marked.flags.insert(.partial)
            }
            return marked
        }
        trailing += decodedOptionalAttributes()
        if !options.fourOctetAS { trailing += fourOctetAttributes() }
        guard trailing.count > 1 else { return trailing }
        // Sorting on the position as well keeps repeated types in their order.
        return trailing.enumerated()
            .sorted {
                ($0.element.type.rawValue, $0.offset) < ($1.element.type.rawValue, $1.offset)
            }
            .map(\.element)
    }

    /// ORIGINATOR_ID and CLUSTER_LIST (RFC 4456 §8), optional non-transitive,
    /// then EXTENDED COMMUNITIES (RFC 4360 §2) and LARGE_COMMUNITY (RFC 8092
    /// §3), optional transitive; recognised here, so with the Partial bit only
    /// when it came with it.
    private func decodedOptionalAttributes() -> [RawAttribute] {
        var attributes: [RawAttribute] = []
        if let originatorID {
            var value: [UInt8] = []
            value.appendUInt32(originatorID.rawValue)
            attributes.append(RawAttribute(flags: [.optional], type: .originatorID, value: value))
        }
        if !clusterList.isEmpty {
            var value: [UInt8] = []
            for cluster in clusterList { value.appendUInt32(cluster.rawValue) }
            attributes.append(RawAttribute(flags: [.optional], type: .clusterList, value: value))
        }
        return attributes + communityAttributes()
    }

    /// EXTENDED COMMUNITIES and LARGE_COMMUNITY, when there are any.
    private func communityAttributes() -> [RawAttribute] {
        var attributes: [RawAttribute] = []
        if !extendedCommunities.isEmpty {
            var value: [UInt8] = []
            for community in extendedCommunities { value.appendUInt64(community.rawValue) }
            attributes.append(
                RawAttribute(
                    flags: transitiveFlags(.extendedCommunities), type: .extendedCommunities,
                    value: value))
        }
        if !largeCommunities.isEmpty {
            var value: [UInt8] = []
            for community in largeCommunities {
                value.appendUInt32(community.globalAdministrator)
                value.appendUInt32(community.localData1)
                value.appendUInt32(community.localData2)
            }
            attributes.append(
                RawAttribute(
                    flags: transitiveFlags(.largeCommunities), type: .largeCommunities,
                    value: value))
        }
        return attributes
    }

    /// AS4_PATH and AS4_AGGREGATOR, each only when an AS needs four octets
    /// (RFC 6793 §4.2.2).
    private func fourOctetAttributes() -> [RawAttribute] {
        var attributes: [RawAttribute] = []
        let path = asPath.withoutConfederationSegments
        if path.needsFourOctets {
            var value: [UInt8] = []
            path.encode(into: &value, asSize: 4)
            attributes.append(
                RawAttribute(flags: transitiveFlags(.as4Path), type: .as4Path, value: value))
        }
        if let aggregator, aggregator.autonomousSystem > UInt32(UInt16.max) {
            var value: [UInt8] = []
            value.appendUInt32(aggregator.autonomousSystem)
            value.appendUInt32(aggregator.address.rawValue)
            attributes.append(
                RawAttribute(
                    flags: transitiveFlags(.as4Aggregator), type: .as4Aggregator, value: value))
        }
        return attributes
    }

    /// The flags of the recognised optional transitive attribute `type`: the
    /// Partial bit set when it was received set (RFC 4271 §5).
    private func transitiveFlags(_ type: AttributeType) -> AttributeFlags {
        partialAttributes.contains(type)
            ? Self.optionalTransitive.union(.partial) : Self.optionalTransitive
    }

    /// Appends flags, type and length, with the Extended Length bit exactly
    /// when the value needs two length octets (RFC 4271 §4.3).
    static func appendHeader(
        _ flags: AttributeFlags, _ type: AttributeType, _ length: Int, _ buffer: inout [UInt8]
    ) {
        precondition(length <= Int(UInt16.max), "an attribute value fits its length field")
        let extended = length > 255
        var flags = flags.subtracting(.extendedLength)
        if extended { flags.insert(.extendedLength) }
        buffer.append(flags.rawValue)
        buffer.append(type.rawValue)
        if extended { buffer.appendUInt16(UInt16(length)) } else { buffer.append(UInt8(length)) }
    }

    /// The flags of a well-known attribute.
    private static let wellKnown: AttributeFlags = [.transitive]
    /// The flags of an optional transitive attribute.
    private static let optionalTransitive: AttributeFlags = [.optional, .transitive]
}
