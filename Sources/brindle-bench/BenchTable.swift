import BGPWire

/// A route table to play into a session: distinct IPv4 prefixes, each with one attribute
/// set, the prefixes of one set adjacent so that they pack into shared UPDATEs.
struct BenchTable: Equatable {
    /// Every prefix once, set by set.
    private(set) var prefixes: [IPv4Prefix] = []
    /// The distinct attribute sets, as a neighbour of the sender would have sent them.
    private(set) var attributeSets: [PathAttributes] = []
    /// Where each set's prefixes end in `prefixes`: set i holds
    /// `prefixes[setEnds[i - 1]..<setEnds[i]]`, set 0 from the start.
    private(set) var setEnds: [Int] = []

    /// An empty table.
    init() {}

    /// The number of prefixes.
    var count: Int { prefixes.count }

    /// The indices in `prefixes` of set `index`.
    func range(ofSet index: Int) -> Range<Int> {
        (index == 0 ? 0 : setEnds[index - 1])..<setEnds[index]
    }

    /// Adds one more attribute set with its prefixes, which must be new to the table.
    mutating func append(_ attributes: PathAttributes, prefixes more: some Sequence<IPv4Prefix>) {
        let start = prefixes.count
        prefixes.append(contentsOf: more)
        guard prefixes.count > start else { return }
        attributeSets.append(attributes)
        setEnds.append(prefixes.count)
    }

    /// Reserves room for `count` prefixes in about a third as many sets.
    mutating func reserve(_ count: Int) {
        prefixes.reserveCapacity(count)
        attributeSets.reserveCapacity(count / 3 + 1)
        setEnds.reserveCapacity(count / 3 + 1)
    }

    /// The prefixes at `indices` (ascending) split by whether their AS_PATH holds one of
    /// `autonomousSystems`: those a daemon in such an AS drops as a loop (RFC 4271 §9.1.2).
    func prefixes(
        at indices: [Int], loopingThrough autonomousSystems: Set<UInt32>
    ) -> (kept: [IPv4Prefix], looped: [IPv4Prefix]) {
        var (kept, looped) = ([IPv4Prefix](), [IPv4Prefix]())
        kept.reserveCapacity(indices.count)
        var set = 0
        for index in indices {
            while setEnds[set] <= index { set += 1 }
            let path = attributeSets[set].asPath.segments.flatMap(\.autonomousSystems)
            if path.contains(where: autonomousSystems.contains) {
                looped.append(prefixes[index])
            } else {
                kept.append(prefixes[index])
            }
        }
        return (kept, looped)
    }

    /// How many prefixes there are of each length.
    var lengthHistogram: [UInt8: Int] {
        var histogram: [UInt8: Int] = [:]
        for prefix in prefixes { histogram[prefix.length, default: 0] += 1 }
        return histogram
    }
}
