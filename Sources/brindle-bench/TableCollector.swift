import BGPWire

/// Gathers routes read from a file into a `BenchTable`: the first route for each prefix
/// wins, and routes with equal attributes share one set. A default route (0.0.0.0/0) is
/// left out: played into a test network it would replace the namespace's own default
/// route.
struct TableCollector {
    private var seen: Set<IPv4Prefix> = []
    private var setIndex: [PathAttributes: Int] = [:]
    private var sets: [(attributes: PathAttributes, prefixes: [IPv4Prefix])] = []

    /// An empty collection.
    init() {}

    /// Adds `prefix` with `attributes` unless the prefix was added before.
    mutating func add(_ prefix: IPv4Prefix, _ attributes: PathAttributes) {
        guard prefix.length > 0, seen.insert(prefix).inserted else { return }
        if let index = setIndex[attributes] {
            sets[index].prefixes.append(prefix)
        } else {
            setIndex[attributes] = sets.count
            sets.append((attributes, [prefix]))
        }
    }

    /// The table, sets in the order their first prefix arrived.
    func table() -> BenchTable {
        var table = BenchTable()
        table.reserve(seen.count)
        for set in sets { table.append(set.attributes, prefixes: set.prefixes) }
        return table
    }
}
