import BGPWire

/// Reads the IPv4 unicast routes of an MRT file (RFC 6396) into a table: TABLE_DUMP
/// (§4.2), TABLE_DUMP_V2 RIB_IPV4_UNICAST with its PEER_INDEX_TABLE (§4.3, the first entry
/// of each prefix taken), and the UPDATEs of BGP4MP and BGP4MP_ET MESSAGE and MESSAGE_AS4
/// records (§4.4, §3: their announcements, withdrawals ignored).
///
/// IPv6 records, state changes, ADD-PATH variants (RFC 8050) and other types are skipped.
/// So is a route whose attributes BGPWire refuses or would treat as withdrawn (RFC 7606).
/// A record cut short, as at the end of a truncated file, ends the table.
struct MRTReader {
    /// MRT record types (RFC 6396 §4).
    struct RecordType: RawRepresentable, Hashable {
        var rawValue: UInt16
        static let tableDump = RecordType(rawValue: 12)
        static let tableDumpV2 = RecordType(rawValue: 13)
        static let bgp4mp = RecordType(rawValue: 16)
        static let bgp4mpExtendedTimestamp = RecordType(rawValue: 17)
    }

    /// The routes gathered so far.
    private(set) var collector = TableCollector()
    /// Records read whole.
    private(set) var records = 0
    /// Routes skipped because their attributes did not decode.
    private(set) var malformedRoutes = 0
    /// The peer count of the last PEER_INDEX_TABLE; nil before one.
    private var peerCount: Int?

    /// An empty reader.
    init() {}

    /// Reads every whole record of `bytes`, the contents of an MRT file.
    mutating func read(_ bytes: [UInt8]) {
        var file = ByteReader(bytes)
        // The common header (§2): timestamp, type, subtype, length.
        while file.skip(4), let type = file.readUInt16(), let subtype = file.readUInt16(),
            let length = file.readUInt32(), var body = file.take(Int(length))
        {
            records += 1
            readRecord(RecordType(rawValue: type), subtype: subtype, &body)
        }
    }

    /// The table read.
    func table() -> BenchTable { collector.table() }

    private mutating func readRecord(_ type: RecordType, subtype: UInt16, _ body: inout ByteReader)
    {
        switch type {
        case .tableDump where subtype == 1: readTableDump(&body)
        case .tableDumpV2 where subtype == 1: readPeerIndexTable(&body)
        case .tableDumpV2 where subtype == 2: readRIBIPv4Unicast(&body)
        case .bgp4mp where subtype == 1 || subtype == 4:
            readBGP4MPMessage(&body, fourOctetAS: subtype == 4)
        case .bgp4mpExtendedTimestamp where subtype == 1 || subtype == 4:
            // §3: the microsecond timestamp comes first and counts in the length.
            guard body.skip(4) else { return }
            readBGP4MPMessage(&body, fourOctetAS: subtype == 4)
        default: break
        }
    }

    // MARK: - TABLE_DUMP

    /// §4.2, AFI_IPv4: view, sequence, prefix, length, status, originated time, peer
    /// address, two-octet peer AS, then the attributes with two-octet ASes.
    private mutating func readTableDump(_ body: inout ByteReader) {
        guard body.skip(4), let address = body.readUInt32(), let length = body.readUInt8(),
            body.skip(1 + 4 + 4 + 2), let attributeLength = body.readUInt16(),
            let attributes = body.take(Int(attributeLength)),
            let prefix = IPv4Prefix(address: IPv4Address(rawValue: address), length: length)
        else { return malformedRoutes += 1 }
        add(prefix, attributes, fourOctetAS: false)
    }

    // MARK: - TABLE_DUMP_V2

    /// §4.3.1: the collector's identifier, the view name, then the peers; only their count
    /// matters here, to check the RIB entries' peer indices.
    private mutating func readPeerIndexTable(_ body: inout ByteReader) {
        guard body.skip(4), let nameLength = body.readUInt16(), body.skip(Int(nameLength)),
            let count = body.readUInt16()
        else { return }
        peerCount = Int(count)
    }

    /// §4.3.2: sequence, prefix length, the prefix's significant octets, entry count, then
    /// the entries (peer index, originated time, attributes with four-octet ASes, §4.3.4).
    private mutating func readRIBIPv4Unicast(_ body: inout ByteReader) {
        guard body.skip(4), let length = body.readUInt8(), length <= 32,
            let address = body.read((Int(length) + 7) / 8), let entries = body.readUInt16(),
            entries > 0, let peer = body.readUInt16(), body.skip(4),
            let attributeLength = body.readUInt16(),
            let attributes = body.take(Int(attributeLength))
        else { return malformedRoutes += 1 }
        guard let peerCount, Int(peer) < peerCount else { return malformedRoutes += 1 }
        let octets = (Int(length) + 7) / 8
        let value = UInt32(truncatingIfNeeded: address << (32 - 8 * octets))
        guard let prefix = IPv4Prefix(address: IPv4Address(rawValue: value), length: length)
        else { return malformedRoutes += 1 }
        add(prefix, attributes, fourOctetAS: true)
    }

    // MARK: - BGP4MP

    /// §4.4.2, §4.4.3: peer and local AS (two or four octets), interface, AFI, peer and
    /// local address of that family, then one whole BGP message.
    private mutating func readBGP4MPMessage(_ body: inout ByteReader, fourOctetAS: Bool) {
        let asLength = fourOctetAS ? 4 : 2
        guard body.skip(2 * asLength + 2), let afi = body.readUInt16(),
            body.skip(afi == AFI.ipv6.rawValue ? 32 : 8)
        else { return }
        let message = Array(body.rest)
        let options = CodecOptions(fourOctetAS: fourOctetAS, extendedMessage: true)
        let decoded = message.withUnsafeBytes { try? Message.decode($0, options: options) }
        guard case .update(let update) = decoded else { return }
        guard !update.treatAsWithdraw else { return malformedRoutes += update.nlri.count }
        for prefix in update.nlri { collector.add(prefix, update.pathAttributes) }
    }

    // MARK: - Attributes

    /// Decodes a route's attributes by wrapping them, with the prefix as its NLRI, in an
    /// UPDATE for BGPWire's decoder.
    private mutating func add(_ prefix: IPv4Prefix, _ attributes: ByteReader, fourOctetAS: Bool) {
        var message = [UInt8](repeating: 0xFF, count: 16)
        let nlri = [prefix.length] + prefix.address.octets.prefix((Int(prefix.length) + 7) / 8)
        let length = 19 + 4 + attributes.remaining + nlri.count
        guard length <= MessageLimits.maximumExtendedLength else { return malformedRoutes += 1 }
        message += [UInt8(length >> 8), UInt8(length & 0xFF), MessageType.update.rawValue, 0, 0]
        message += [UInt8(attributes.remaining >> 8), UInt8(attributes.remaining & 0xFF)]
        message += attributes.rest
        message += nlri
        let options = CodecOptions(fourOctetAS: fourOctetAS, extendedMessage: true)
        let decoded = message.withUnsafeBytes { try? Message.decode($0, options: options) }
        guard case .update(let update) = decoded, !update.treatAsWithdraw else {
            return malformedRoutes += 1
        }
        collector.add(prefix, update.pathAttributes)
    }
}
