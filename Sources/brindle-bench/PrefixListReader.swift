import BGPWire

/// Reads a prefix list in the routeviews-ipasn (pyasn) format: one `PREFIX` or
/// `PREFIX<TAB>ORIGIN-AS` per line, `;` or `#` starting a comment line. Each prefix gets a
/// synthetic attribute set ending in its origin AS (or a made-up one), shared by up to
/// three consecutive prefixes of the same origin.
enum PrefixListReader {
    /// The table of the list in `text`, attributes drawn from `seed`.
    /// - Throws: `TableError` naming the first line that is not a prefix list line.
    static func read(_ text: String, seed: UInt64 = SyntheticTable.defaultSeed)
        throws(TableError) -> BenchTable
    {
        var random = SplitMix(seed: seed)
        var collector = TableCollector()
        var current: (origin: UInt32?, attributes: PathAttributes, count: Int)?
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false)
            .enumerated()
        {
            guard let (prefix, origin) = try parse(line, number: number + 1) else { continue }
            if current == nil || current?.origin != origin || current?.count == 3 {
                let attributes = SyntheticTable.attributeSet(&random, originAS: origin)
                current = (origin, attributes, 0)
            }
            current?.count += 1
            if let current { collector.add(prefix, current.attributes) }
        }
        return collector.table()
    }

    /// The prefix and origin of one line; nil for a blank or comment line.
    private static func parse(_ line: Substring, number: Int) throws(TableError)
        -> (IPv4Prefix, UInt32?)?
    {
        let trimmed = line.trimmingSuffix { $0 == "\r" || $0 == " " }
        guard let first = trimmed.first, first != ";", first != "#" else { return nil }
        let fields = trimmed.split(separator: "\t")
        guard fields.count <= 2, let prefix = IPv4Prefix(fields[0]) else {
            throw TableError("line \(number) is not PREFIX[<TAB>ORIGIN-AS]: '\(trimmed)'")
        }
        guard fields.count == 2 else { return (prefix, nil) }
        guard let origin = UInt32(fields[1]) else {
            throw TableError("line \(number): '\(fields[1])' is not an AS number")
        }
        return (prefix, origin)
    }
}

extension Substring {
    /// The text without the characters at its end that match `drop`.
    fileprivate func trimmingSuffix(while drop: (Character) -> Bool) -> Substring {
        var end = endIndex
        while end > startIndex, drop(self[index(before: end)]) { end = index(before: end) }
        return self[startIndex..<end]
    }
}
