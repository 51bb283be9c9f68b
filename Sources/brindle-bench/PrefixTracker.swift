import BGPWire

/// What the monitor holds: one bit per expected prefix, set by an announcement and cleared
/// by a withdrawal, and a count of announcements of prefixes nobody sent.
struct PrefixTracker {
    /// The expected prefixes as sorted keys (`key(_:)`), for binary search.
    private let keys: [UInt64]
    private var held: [Bool]
    /// How many expected prefixes are held now.
    private(set) var heldCount = 0
    /// Announcements of prefixes not expected.
    private(set) var unexpectedAnnouncements = 0
    /// Withdrawals received, of any prefix.
    private(set) var withdrawals = 0

    /// Tracks `expected`, which may hold duplicates.
    init(expected: some Sequence<IPv4Prefix>) {
        var keys = expected.map(Self.key)
        keys.sort()
        self.keys = keys.uniqued()
        held = [Bool](repeating: false, count: self.keys.count)
    }

    /// The number of distinct expected prefixes.
    var expectedCount: Int { keys.count }

    /// Marks `prefixes` as announced.
    mutating func announce(_ prefixes: [IPv4Prefix]) {
        for prefix in prefixes {
            guard let index = index(of: prefix) else {
                unexpectedAnnouncements += 1
                continue
            }
            if !held[index] { (held[index], heldCount) = (true, heldCount + 1) }
        }
    }

    /// Marks `prefixes` as withdrawn.
    mutating func withdraw(_ prefixes: [IPv4Prefix]) {
        withdrawals += prefixes.count
        for prefix in prefixes {
            guard let index = index(of: prefix), held[index] else { continue }
            (held[index], heldCount) = (false, heldCount - 1)
        }
    }

    /// The first expected prefixes not held, at most `limit`.
    func missing(limit: Int) -> [IPv4Prefix] {
        held.indices.lazy.filter { !held[$0] }.prefix(limit).map { index in
            IPv4Prefix(
                address: IPv4Address(rawValue: UInt32(keys[index] >> 8)),
                length: UInt8(keys[index] & 0xFF))!
        }
    }

    private func index(of prefix: IPv4Prefix) -> Int? {
        let key = Self.key(prefix)
        var (low, high) = (0, keys.count)
        while low < high {
            let middle = (low + high) / 2
            if keys[middle] < key { low = middle + 1 } else { high = middle }
        }
        return low < keys.count && keys[low] == key ? low : nil
    }

    private static func key(_ prefix: IPv4Prefix) -> UInt64 {
        UInt64(prefix.address.rawValue) << 8 | UInt64(prefix.length)
    }
}

extension Array where Element: Equatable {
    /// The sorted array without repeated elements.
    fileprivate func uniqued() -> [Element] {
        var result: [Element] = []
        result.reserveCapacity(count)
        for element in self where result.last != element { result.append(element) }
        return result
    }
}
