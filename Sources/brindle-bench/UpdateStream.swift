import BGPWire

/// A sender's whole table as UPDATE messages back to back, ready to write, cut into chunks
/// that end on message boundaries so that a KEEPALIVE written between two chunks never
/// lands inside a message.
struct UpdateStream {
    /// The size a chunk grows to before it is cut.
    static let chunkTarget = 256 * 1024

    /// The messages.
    private(set) var bytes: [UInt8] = []
    /// Where each chunk ends in `bytes`; the last is `bytes.count`.
    private(set) var chunkEnds: [Int] = []
    /// How many UPDATEs the stream holds.
    private(set) var updates = 0
    /// How many prefixes they announce.
    private(set) var prefixes = 0

    /// Encodes the prefixes of `ranges` as sent by a sender in `senderAS` with next hop
    /// `nextHop`, and an End-of-RIB after them (RFC 4724 §2).
    init(
        table: BenchTable, ranges: [Range<Int>], senderAS: UInt32, nextHop: IPv4Address,
        options: CodecOptions
    ) {
        bytes.reserveCapacity(ranges.reduce(0) { $0 + $1.count } * 8)
        for range in ranges {
            encode(table, range, senderAS: senderAS, nextHop: nextHop, options: options)
        }
        Message.update(.endOfRIB(.ipv4Unicast)).encode(into: &bytes, options: options)
        updates += 1
        chunkEnds.append(bytes.count)
    }

    /// Encodes the sets overlapping `range`, each with the prefixes of it inside `range`.
    private mutating func encode(
        _ table: BenchTable, _ range: Range<Int>, senderAS: UInt32, nextHop: IPv4Address,
        options: CodecOptions
    ) {
        var set = Self.set(containing: range.lowerBound, in: table)
        while set < table.setEnds.count, table.range(ofSet: set).lowerBound < range.upperBound {
            let slice = table.range(ofSet: set).clamped(to: range)
            let attributes = Self.sent(table.attributeSets[set], senderAS: senderAS, nextHop)
            updates += UpdatePacker.packInto(
                &bytes, withdrawn: [], announced: Array(table.prefixes[slice]),
                attributes: attributes, options: options)
            prefixes += slice.count
            if bytes.count - (chunkEnds.last ?? 0) >= Self.chunkTarget {
                chunkEnds.append(bytes.count)
            }
            set += 1
        }
    }

    /// The index of the set holding prefix `index`.
    private static func set(containing index: Int, in table: BenchTable) -> Int {
        var (low, high) = (0, table.setEnds.count)
        while low < high {
            let middle = (low + high) / 2
            if table.setEnds[middle] <= index { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The attributes as an eBGP speaker in `senderAS` sends them: its AS first in the path
    /// and itself as NEXT_HOP (RFC 4271 §5.1.2, §5.1.3), and none of the attributes that do
    /// not cross an AS boundary (LOCAL_PREF, RFC 4271 §5.1.5; ORIGINATOR_ID and
    /// CLUSTER_LIST, RFC 4456 §8) or that BGPWire would not encode for IPv4 unicast.
    static func sent(
        _ attributes: PathAttributes, senderAS: UInt32, _ nextHop: IPv4Address
    ) -> PathAttributes {
        var sent = attributes
        sent.asPath = attributes.asPath.prepending(senderAS)
        sent.nextHop = nextHop
        sent.localPreference = nil
        sent.originatorID = nil
        sent.clusterList = []
        sent.multiprotocolNextHop = nil
        sent.unrecognized = []
        return sent
    }
}
