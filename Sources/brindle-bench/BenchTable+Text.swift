import BGPWire

extension BenchTable {
    /// One line per prefix in table order, `PREFIX|AS_PATH|ORIGIN|MED|COMMUNITIES` (MED
    /// empty when absent, communities separated by spaces), to compare a table with
    /// another tool's reading of the same file, such as `bgpdump -m`.
    func routeLines() -> [String] {
        var lines: [String] = []
        lines.reserveCapacity(count)
        for set in attributeSets.indices {
            let attributes = attributeSets[set]
            let med = attributes.multiExitDiscriminator.map(String.init) ?? ""
            let communities = attributes.communities.map(\.description).joined(separator: " ")
            let origin = attributes.origin.map { String($0.rawValue) } ?? ""
            let rest = "|\(attributes.asPath)|\(origin)|\(med)|\(communities)"
            for index in range(ofSet: set) { lines.append("\(prefixes[index])" + rest) }
        }
        return lines
    }
}
