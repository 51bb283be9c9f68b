import BGPWire

/// A handle on one attribute set stored in an `AttributeTable`.
struct AttributeIndex: RawRepresentable, Hashable, Sendable {
    var rawValue: UInt32
}

/// Path attribute sets stored once each and shared by every path that carries them.
///
/// A data-center peer sends many prefixes with the same attributes, so interning turns a
/// million paths into a few thousand sets. Each set is counted: `intern` and `retain` take a
/// reference, `release` gives one back, and a set with none left is forgotten and its slot
/// reused. A set costs its `PathAttributes` twice (slot and lookup key, sharing their arrays)
/// plus about 30 bytes of table.
struct AttributeTable {
    private struct Slot {
        var attributes: PathAttributes
        var references: UInt32
    }

    private var slots: [Slot] = []
    private var indices: [PathAttributes: AttributeIndex] = [:]
    private var freeSlots: [AttributeIndex] = []

    /// The number of distinct attribute sets held.
    var count: Int { indices.count }

    /// The attributes behind a live index.
    subscript(index: AttributeIndex) -> PathAttributes {
        slots[Int(index.rawValue)].attributes
    }

    /// The index of `attributes`, stored if new, with one reference taken for the caller.
    mutating func intern(_ attributes: PathAttributes) -> AttributeIndex {
        if let index = indices[attributes] {
            retain(index)
            return index
        }
        let index = store(Slot(attributes: attributes, references: 1))
        indices[attributes] = index
        return index
    }

    /// The index of `attributes` if they are stored, without taking a reference.
    func index(of attributes: PathAttributes) -> AttributeIndex? {
        indices[attributes]
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

        indices[slots[slot].attributes] = nil
        slots[slot].attributes = PathAttributes()
        freeSlots.append(index)
    }

    private mutating func store(_ slot: Slot) -> AttributeIndex {
        if let index = freeSlots.popLast() {
            slots[Int(index.rawValue)] = slot
            return index
        }
        precondition(slots.count < Int(UInt32.max), "attribute table holds under 2^32 sets")
        slots.append(slot)
        return AttributeIndex(rawValue: UInt32(slots.count - 1))
    }
}
