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
        withUnsafeBytes(of: words) { raw in
            raw.load(fromByteOffset: Self.offset(type), as: UInt64.self) & Self.bit(type) != 0
        }
    }

    /// Adds `type`, returning false when it was already present.
    @discardableResult @inline(__always)
    public mutating func insert(_ type: AttributeType) -> Bool {
        let (offset, bit) = (Self.offset(type), Self.bit(type))
        return withUnsafeMutableBytes(of: &words) { raw in
            let word = raw.load(fromByteOffset: offset, as: UInt64.self)
            raw.storeBytes(of: word | bit, toByteOffset: offset, as: UInt64.self)
            return word & bit == 0
        }
    }

    /// Removes `type`, if present.
    public mutating func remove(_ type: AttributeType) {
        let (offset, bit) = (Self.offset(type), Self.bit(type))
        withUnsafeMutableBytes(of: &words) { raw in
            let word = raw.load(fromByteOffset: offset, as: UInt64.self)
            raw.storeBytes(of: word & ~bit, toByteOffset: offset, as: UInt64.self)
        }
    }

    // The words are read through their bytes rather than with a switch over the four,
    // which compiled to an indirect jump for every attribute decoded.

    /// The byte offset of the word holding `type`.
    @inline(__always)
    private static func offset(_ type: AttributeType) -> Int { Int(type.rawValue >> 6) * 8 }

    /// The bit of `type` within its word.
    @inline(__always)
    private static func bit(_ type: AttributeType) -> UInt64 { 1 << UInt64(type.rawValue & 63) }

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
