import BGPWire

/// A made-up Internet table of any size with a realistic shape, the same for every run with
/// the same seed: prefix lengths mostly /24, then /22-/23 and /16-/21; about three
/// prefixes per attribute set; AS paths of 1 to 10 ASes, some prepended; communities on
/// about half the sets, MED on some.
///
/// Addresses avoid 0/8, 10/8, 100/8, 127/8, 169/8, 172/8, 192/8 and everything from
/// 224/8 up, so that the routes can never shadow the private, loopback and link-local
/// addresses a test network runs on. ASes avoid AS_TRANS and the private and documentation
/// ranges (RFC 6793, RFC 6996, RFC 5398), which the benchmark's own peers use.
enum SyntheticTable {
    /// The seed when none is given.
    static let defaultSeed: UInt64 = 1

    /// The most prefixes a synthetic table holds; the address space allows more, but drawing
    /// them gets slow long before.
    static let maximumCount = 10_000_000

    /// Prefix lengths and their weights (per mille).
    static let lengths: [(length: UInt8, weight: Int)] = [
        (24, 560), (23, 110), (22, 110), (21, 50), (20, 50), (19, 40), (18, 20), (17, 15),
        (16, 25), (14, 4), (12, 3), (10, 3), (25, 4), (26, 3), (28, 3),
    ]

    private static let excludedFirstOctets: Set<UInt32> = [0, 10, 100, 127, 169, 172, 192]

    /// The table of `count` distinct prefixes for `seed`, sorted by address, in sets of one
    /// to five (three on average).
    /// - Precondition: `count` is at most `maximumCount`.
    static func make(count: Int, seed: UInt64 = defaultSeed) -> BenchTable {
        precondition(count <= maximumCount, "a synthetic table holds at most 10M prefixes")
        var random = SplitMix(seed: seed)
        let prefixes = drawPrefixes(count, &random)
        var table = BenchTable()
        table.reserve(count)
        var start = 0
        while start < prefixes.count {
            let size = min(1 + random.pick([15, 20, 30, 20, 15]), prefixes.count - start)
            table.append(attributeSet(&random), prefixes: prefixes[start..<start + size])
            start += size
        }
        return table
    }

    /// `count` distinct prefixes, sorted.
    private static func drawPrefixes(_ count: Int, _ random: inout SplitMix) -> [IPv4Prefix] {
        let weights = lengths.map(\.weight)
        var seen = Set<IPv4Prefix>(minimumCapacity: count)
        var prefixes: [IPv4Prefix] = []
        prefixes.reserveCapacity(count)
        while prefixes.count < count {
            let length = lengths[random.pick(weights)].length
            let address = UInt32(truncatingIfNeeded: random.next())
            guard address >> 24 < 224, !excludedFirstOctets.contains(address >> 24),
                let prefix = IPv4Prefix(address: IPv4Address(rawValue: address), length: length),
                seen.insert(prefix).inserted
            else { continue }
            prefixes.append(prefix)
        }
        return prefixes.sorted()
    }

    /// One attribute set as an eBGP neighbour would send it, before the sender adds itself.
    static func attributeSet(_ random: inout SplitMix, originAS: UInt32? = nil) -> PathAttributes {
        var path = (0..<1 + random.pick([10, 15, 25, 20, 12, 8, 4, 3, 2, 1])).map { _ in
            publicAS(&random)
        }
        if let originAS { path[path.count - 1] = originAS }
        // Some origins prepend themselves to make the path look longer (RFC 4271 §9.1.2.2).
        if random.pick([3, 1]) == 1 {
            path += Array(repeating: path[path.count - 1], count: 1 + random.pick([3, 2, 1]))
        }
        var attributes = PathAttributes(
            origin: [Origin.igp, .incomplete, .egp][random.pick([85, 10, 5])],
            asPath: ASPath(sequence: path))
        if random.pick([1, 1]) == 1 { attributes.communities = communities(path, &random) }
        if random.pick([7, 3]) == 1 {
            attributes.multiExitDiscriminator = UInt32.random(in: 0...1000, using: &random)
        }
        return attributes
    }

    /// One to four communities tagged with ASes of the path that fit in two octets.
    private static func communities(_ path: [UInt32], _ random: inout SplitMix) -> [Community] {
        (0...random.pick([4, 3, 2, 1])).map { _ in
            let tag = path.randomElement(using: &random).flatMap { UInt16(exactly: $0) } ?? 3356
            return Community(
                autonomousSystem: tag, value: UInt16.random(in: 1...999, using: &random))
        }
    }

    /// A public AS: mostly two-octet, some four-octet (RFC 6793).
    static func publicAS(_ random: inout SplitMix) -> UInt32 {
        guard random.pick([85, 15]) == 0 else {
            return UInt32.random(in: 131_072...399_999, using: &random)
        }
        while true {
            let candidate = UInt32.random(in: 1...64_495, using: &random)
            if candidate != UInt32(ASNumber.trans) { return candidate }
        }
    }
}
