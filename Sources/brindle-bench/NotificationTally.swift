/// The distinct prefixes of the RTM_NEWROUTE notifications read so far, of one family and
/// optionally one protocol, and when the first and the last new one came.
struct NotificationTally {
    /// A prefix as the kernel reports it: the destination's octets and its length.
    struct Destination: Hashable {
        /// RTA_DST, padded with zeros to 16 octets.
        var high: UInt64, low: UInt64
        /// `rtm_dst_len`.
        var length: UInt8
    }

    /// RTM_NEWROUTE (linux/rtnetlink.h).
    static let newRoute: UInt16 = 24
    /// RTA_DST.
    static let destinationAttribute: UInt16 = 1

    /// AF_INET or AF_INET6.
    let family: UInt8
    /// The `rtm_protocol` counted, or nil for any.
    let protocolNumber: UInt8?
    /// The distinct prefixes seen.
    private(set) var seen: Set<Destination> = []
    /// Seconds from `ready` to the first and the last new prefix.
    private(set) var first: Double?, last: Double?
    /// Reads that failed with ENOBUFS: notifications the kernel dropped.
    var overflows = 0

    /// Counts only notifications of `family` and, when given, `protocolNumber`.
    init(family: UInt8, protocolNumber: UInt8?) {
        self.family = family
        self.protocolNumber = protocolNumber
    }

    /// How many distinct prefixes were seen.
    var count: Int { seen.count }

    /// Reads one datagram of netlink messages (host byte order, netlink(7)) received at
    /// `time`.
    mutating func read(_ datagram: ArraySlice<UInt8>, at time: Double) {
        let bytes = Array(datagram)
        var offset = 0
        while offset + 16 <= bytes.count {
            let length = Int(Self.load(UInt32.self, bytes, offset))
            guard length >= 16, offset + length <= bytes.count else { return }
            if Self.load(UInt16.self, bytes, offset + 4) == Self.newRoute {
                readRoute(bytes, offset + 16, end: offset + length, at: time)
            }
            offset += (length + 3) & ~3
        }
    }

    /// A struct rtmsg (family, dst_len, src_len, tos, table, protocol, scope, type, flags)
    /// and its attributes.
    private mutating func readRoute(_ bytes: [UInt8], _ start: Int, end: Int, at time: Double) {
        guard end - start >= 12, bytes[start] == family else { return }
        guard protocolNumber == nil || bytes[start + 5] == protocolNumber else { return }
        var destination = Destination(high: 0, low: 0, length: bytes[start + 1])
        var offset = start + 12
        while offset + 4 <= end {
            let length = Int(Self.load(UInt16.self, bytes, offset))
            guard length >= 4, offset + length <= end else { return }
            if Self.load(UInt16.self, bytes, offset + 2) == Self.destinationAttribute {
                destination = Self.destination(
                    bytes[offset + 4..<offset + length], destination.length)
            }
            offset += (length + 3) & ~3
        }
        guard seen.insert(destination).inserted else { return }
        if first == nil { first = time }
        last = time
    }

    private static func destination(_ octets: ArraySlice<UInt8>, _ length: UInt8) -> Destination {
        var padded = Array(octets.prefix(16))
        padded += [UInt8](repeating: 0, count: 16 - padded.count)
        let high = padded[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = padded[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return Destination(high: high, low: low, length: length)
    }

    private static func load<Value: FixedWidthInteger>(
        _ type: Value.Type, _ bytes: [UInt8], _ offset: Int
    ) -> Value {
        bytes.withUnsafeBytes { $0.loadUnaligned(fromByteOffset: offset, as: Value.self) }
    }

    /// The contract's JSON line.
    var json: String {
        var line = JSONLine()
        line.add("mode", "kernel-watch")
        line.add("routes", count)
        line.add("first_s", first)
        line.add("last_s", last)
        line.add("overflows", overflows)
        return line.text
    }
}
