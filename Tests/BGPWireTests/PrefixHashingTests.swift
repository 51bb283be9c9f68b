import Testing

@testable import BGPWire

/// The prefix hashes that route tables rely on: equal prefixes agree, and neighbouring
/// prefixes (a table's usual keys) spread over a table's buckets.
@Suite struct PrefixHashingTests {
    static let seed = 0x5EED_1234

    @Test func equalPrefixesHashEquallyAndLengthCounts() throws {
        let one = try #require(IPv4Prefix("10.1.0.0/16"))
        let same = try #require(IPv4Prefix(address: IPv4Address(10, 1, 255, 7), length: 16))
        let longer = try #require(IPv4Prefix("10.1.0.0/24"))
        #expect(one._rawHashValue(seed: Self.seed) == same._rawHashValue(seed: Self.seed))
        #expect(one._rawHashValue(seed: Self.seed) != longer._rawHashValue(seed: Self.seed))
        #expect(one._rawHashValue(seed: 1) != one._rawHashValue(seed: 2))
        let v6 = try #require(IPv6Prefix("fd00:65::/64"))
        let v6Again = try #require(IPv6Prefix("fd00:65:0:0::/64"))
        #expect(v6._rawHashValue(seed: Self.seed) == v6Again._rawHashValue(seed: Self.seed))
        #expect(v6.hashValue == v6Again.hashValue)
    }

    /// 65,536 consecutive /32s (or /128s) into 65,536 buckets by the low 16 bits: a random
    /// function fills about 63% of them (1 - 1/e); a poor mix of sequential keys far fewer.
    @Test func consecutivePrefixesSpreadOverBuckets() {
        let count = 1 << 16
        var v4Buckets = Set<Int>()
        var v6Buckets = Set<Int>()
        for index in 0..<count {
            let v4 = IPv4Prefix.host(IPv4Address(rawValue: 0x0A00_0000 + UInt32(index)))
            v4Buckets.insert(v4._rawHashValue(seed: Self.seed) & (count - 1))
            let v6 = IPv6Prefix.host(IPv6Address(high: 0xFD00 << 48, low: UInt64(index)))
            v6Buckets.insert(v6._rawHashValue(seed: Self.seed) & (count - 1))
        }
        #expect(v4Buckets.count > count * 6 / 10)
        #expect(v6Buckets.count > count * 6 / 10)
    }

    @Test func aMillionPrefixesFitInASetExactly() {
        let prefixes = (0..<1_000_000).map {
            IPv4Prefix.host(IPv4Address(rawValue: UInt32($0) << 8))
        }
        let set = Set(prefixes)
        #expect(set.count == prefixes.count)
        #expect(prefixes.allSatisfy(set.contains))
    }
}
