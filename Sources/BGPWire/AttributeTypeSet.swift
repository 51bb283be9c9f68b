/// A set of path attribute type codes, 256 bits with no heap storage: for finding repeated
/// attributes while decoding, and for `PathAttributes.partialAttributes`.
public struct AttributeTypeSet: Sendable, Hashable {
    private var words: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)

    /// An empty set.
    public init() {}

    /// A set of the given types.
    public init(_ types: some Sequence<AttributeType>) {
        for type in types { insert(type) }
    }

    /// Whether no type is in the set.
    public var isEmpty: Bool { words == (0, 0, 0, 0) }

    /// Whether `type` is in the set.
    @inline(__always)
    public func contains(_ type: AttributeType) -> Bool {
        let bit = UInt64(1) << UInt64(type.rawValue & 63)
        switch type.rawValue >> 6 {
        case 0: return words.0 & bit != 0
        case 1: return words.1 & bit != 0
        case 2: return words.2 & bit != 0
        default: return words.3 & bit != 0
        }
    }

    /// Adds `type`, returning false when it was already present.
    @discardableResult @inline(__always)
    public mutating func insert(_ type: AttributeType) -> Bool {
        let bit = UInt64(1) << UInt64(type.rawValue & 63)
        let present = contains(type)
        switch type.rawValue >> 6 {
        case 0: words.0 |= bit
        case 1: words.1 |= bit
        case 2: words.2 |= bit
        default: words.3 |= bit
        }
        return !present
    }

    /// Removes `type`, if present.
    public mutating func remove(_ type: AttributeType) {
        let bit = ~(UInt64(1) << UInt64(type.rawValue & 63))
        switch type.rawValue >> 6 {
        case 0: words.0 &= bit
        case 1: words.1 &= bit
        case 2: words.2 &= bit
        default: words.3 &= bit
        }
    }

    public static func == (lhs: AttributeTypeSet, rhs: AttributeTypeSet) -> Bool {
        lhs.words == rhs.words
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(words.0)
        hasher.combine(words.1)
        hasher.combine(words.2)
        hasher.combine(words.3)
    }
}
