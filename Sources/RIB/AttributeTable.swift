import BGPWire

/// A handle on one attribute set stored in an `AttributeTable`.
struct AttributeIndex: RawRepresentable, Hashable, Sendable {
    var rawValue: UInt32
}

/// Path attribute sets stored once each and shared by every path that carries them.
///
/// A data-center peer sends many prefixes with the same attributes, so interning turns a
/// million paths into a few hundred thousand sets at most. Each set is counted: `intern` and
/// `retain` take a reference, `release` gives one back, and a set with none left is
/// forgotten and its slot reused.
///
/// The lookup is an open-addressing table of slot numbers (four bytes each, at most three
/// quarters full, linear probing, backward-shift deletion) over the slots, which keep each
/// set's hash: a set is stored once, not again as a dictionary key, and growing the table
/// moves four-byte numbers rather than whole attribute sets. A set costs its
/// `PathAttributes` (104 bytes with its header, arrays shared) plus about 20 bytes.
struct AttributeTable {
    private struct Slot {
        var attributes: PathAttributes
        var references: UInt32
        var hash: Int
    }

    private var slots: [Slot] = []
    private var freeSlots: [AttributeIndex] = []
    /// Slot number plus one for each bucket, 0 for an empty one; a power of two long.
    private var buckets: [UInt32] = []

    /// The number of distinct attribute sets held.
    private(set) var count = 0

    /// The attributes behind a live index.
    subscript(index: AttributeIndex) -> PathAttributes {
        slots[Int(index.rawValue)].attributes
    }

    /// The index of `attributes`, stored if new, with one reference taken for the caller.
    mutating func intern(_ attributes: PathAttributes) -> AttributeIndex {
        let hash = attributes.hashValue
        if let index = find(attributes, hash: hash) {
            retain(index)
            return index
        }
        let index = store(Slot(attributes: attributes, references: 1, hash: hash))
        insertBucket(for: index, hash: hash)
        return index
    }

    /// Whether `index` names a stored set (one with a reference left).
    func isLive(_ index: AttributeIndex) -> Bool {
        Int(index.rawValue) < slots.count && slots[Int(index.rawValue)].references > 0
    }

    /// The index of `attributes` if they are stored, without taking a reference.
    func index(of attributes: PathAttributes) -> AttributeIndex? {
        find(attributes, hash: attributes.hashValue)
    }

    /// Takes one more reference on a live index.
    mutating func retain(_ index: AttributeIndex) {
        slots[Int(index.rawValue)].references += 1
    }

    /// Gives back one reference; the last one frees the set.
    mutating func release(_ index: AttributeIndex) {
        let slot = Int(index.rawValue)
        precondition(slots[slot].references > 0, "attribute set released more than retained")
        slots[slot].references -= 1
        guard slots[slot].references == 0 else { return }

        removeBucket(for: index)
        slots[slot].attributes = PathAttributes()
        freeSlots.append(index)
    }

    // MARK: - The lookup table

    private var mask: Int { buckets.count - 1 }

    private func find(_ attributes: PathAttributes, hash: Int) -> AttributeIndex? {
        guard !buckets.isEmpty else { return nil }
        var position = hash & mask
        while buckets[position] != 0 {
            let slot = Int(buckets[position] - 1)
            if slots[slot].hash == hash, slots[slot].attributes == attributes {
                return AttributeIndex(rawValue: UInt32(slot))
            }
            position = (position + 1) & mask
        }
        return nil
    }

    private mutating func insertBucket(for index: AttributeIndex, hash: Int) {
        if (count + 1) * 4 > buckets.count * 3 { grow() }
        var position = hash & mask
        while buckets[position] != 0 { position = (position + 1) & mask }
        buckets[position] = index.rawValue + 1
        count += 1
    }

    private mutating func grow() {
        let old = buckets
        buckets = Array(repeating: 0, count: Swift.max(16, old.count * 2))
        for entry in old where entry != 0 {
            var position = slots[Int(entry - 1)].hash & mask
            while buckets[position] != 0 { position = (position + 1) & mask }
            buckets[position] = entry
        }
    }

    /// Empties the bucket of `index` and shifts back the entries after it that probed past
    /// it, so that every entry stays reachable from its home bucket without tombstones.
    private mutating func removeBucket(for index: AttributeIndex) {
        var hole = slots[Int(index.rawValue)].hash & mask
        while buckets[hole] != index.rawValue + 1 { hole = (hole + 1) & mask }
        var next = (hole + 1) & mask
        while buckets[next] != 0 {
            let home = slots[Int(buckets[next] - 1)].hash & mask
            // The entry may fill the hole if its home is no nearer to it than the hole is.
            if (next - home) & mask >= (next - hole) & mask {
                buckets[hole] = buckets[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        buckets[hole] = 0
        count -= 1
    }

    private mutating func store(_ slot: Slot) -> AttributeIndex {
        if let index = freeSlots.popLast() {
            slots[Int(index.rawValue)] = slot
            return index
        }
        precondition(slots.count < Int(UInt32.max) - 1, "attribute table holds under 2^32 sets")
        slots.append(slot)
        return AttributeIndex(rawValue: UInt32(slots.count - 1))
    }
}
