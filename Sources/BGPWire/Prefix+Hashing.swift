/// Prefixes are the keys of every route table, hashed several times per route (Loc-RIB,
/// Adj-RIB-In sets, Adj-RIB-Out), and the standard `Hasher` (SipHash-1-3, set up and
/// finalised for every key) was the largest single cost of taking in a table (profiled:
/// a fifth of brindled's CPU). A prefix fits in 64 bits (IPv4) or three words (IPv6), so it
/// is hashed with a multiply-xorshift mix of its bits and the table's per-process random
/// seed instead: equal prefixes hash equally, the seed still keys the result, and
/// `hash(into:)` stays consistent for other uses.
extension IPv4Prefix {
    /// The address and length in one word: equal prefixes, equal words.
    private var packed: UInt64 { UInt64(address.rawValue) << 8 | UInt64(length) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(packed)
    }

    public func _rawHashValue(seed: Int) -> Int {
        Int(truncatingIfNeeded: PrefixHash.mix(packed ^ UInt64(truncatingIfNeeded: seed)))
    }
}

extension IPv6Prefix {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(address.high)
        hasher.combine(address.low)
        hasher.combine(length)
    }

    public func _rawHashValue(seed: Int) -> Int {
        let first = PrefixHash.mix(address.high ^ UInt64(truncatingIfNeeded: seed))
        let second = PrefixHash.mix(first ^ address.low)
        return Int(truncatingIfNeeded: PrefixHash.mix(second ^ UInt64(length)))
    }
}

/// The mixing step of the prefix hashes.
enum PrefixHash {
    /// A bijective 64-bit mix (two multiply-xorshift rounds, as in splitmix64's finaliser):
    /// every input bit reaches every output bit.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var x = value
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        return x ^ (x >> 31)
    }
}
