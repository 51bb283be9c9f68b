/// Prefixes of one direction still to pack into UPDATEs, with their path identifiers
/// when the peer receives them (RFC 7911 §3): what both packers take from the front.
struct PendingPrefixes<Prefix: NLRIPrefix> {
    /// The prefixes not packed yet.
    private var prefixes: ArraySlice<Prefix>
    /// Their path identifiers, parallel to `prefixes`; empty means 0 for each.
    private var pathIdentifiers: ArraySlice<UInt32>
    /// Whether each prefix goes out after a path identifier.
    private let withPathIdentifiers: Bool

    /// Prefixes with the path identifiers to send with them, if `withPathIdentifiers`.
    ///
    /// - Precondition: `pathIdentifiers` is empty or as long as `prefixes`.
    init(_ prefixes: [Prefix], pathIdentifiers: [UInt32], withPathIdentifiers: Bool) {
        precondition(
            pathIdentifiers.isEmpty || pathIdentifiers.count == prefixes.count,
            "path identifiers are none or one per prefix")
        self.prefixes = prefixes[...]
        self.pathIdentifiers = withPathIdentifiers ? pathIdentifiers[...] : []
        self.withPathIdentifiers = withPathIdentifiers
    }

    /// Whether every prefix is packed.
    var isEmpty: Bool { prefixes.isEmpty }

    /// The bytes the first prefix takes, its path identifier included; nil when none is left.
    var firstLength: Int? { prefixes.first.map(length) }

    /// How many prefixes from the front fit in `room` bytes, and the bytes they take.
    func fitting(room: Int) -> (count: Int, length: Int) {
        var count = 0
        var total = 0
        for prefix in prefixes {
            guard total + length(prefix) <= room else { break }
            total += length(prefix)
            count += 1
        }
        return (count, total)
    }

    /// Appends the first `count` prefixes in NLRI form and drops them.
    mutating func move(_ count: Int, into buffer: inout [UInt8]) {
        let identifiers = pathIdentifiers.isEmpty ? [] : Array(pathIdentifiers.prefix(count))
        buffer.appendNLRI(
            Array(prefixes.prefix(count)), identifiers, withPathIdentifiers: withPathIdentifiers)
        prefixes.removeFirst(count)
        if !pathIdentifiers.isEmpty { pathIdentifiers.removeFirst(count) }
    }

    /// The bytes `prefix` takes, with a path identifier when they are sent.
    private func length(_ prefix: Prefix) -> Int {
        prefix.encodedLength + (withPathIdentifiers ? 4 : 0)
    }
}
