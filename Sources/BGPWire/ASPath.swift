/// An AS_PATH (RFC 4271 §5.1.2) with four-octet AS numbers.
///
/// The segments live flattened in one buffer, so that a path costs one allocation however
/// many segments it has: each segment is a header word, its type in the top eight bits
/// and its AS count in the low 24, followed by its ASes. Two paths are equal when their
/// segments are.
public struct ASPath: Sendable, Hashable {
    /// The flattened segments: a header word (`header(_:count:)`), then the ASes.
    private(set) var words: [UInt32]

    /// A path of the flattened segments `words`, as `header(_:count:)` lays them out.
    init(words: [UInt32]) { self.words = words }

    /// Creates a path from its segments; empty for a locally originated route.
    public init(segments: [ASPathSegment] = []) {
        words = segments.isEmpty ? [] : Self.flattening(segments)
    }

    /// A path of one AS_SEQUENCE.
    public init(sequence: [UInt32]) {
        guard !sequence.isEmpty else {
            words = []
            return
        }
        words = Self.flattening([ASPathSegment(type: .sequence, autonomousSystems: sequence)])
    }

    /// The segments, in the order they appear on the wire.
    public var segments: [ASPathSegment] {
        get {
            segmentRanges.map { type, range in
                ASPathSegment(type: type, autonomousSystems: Array(words[range]))
            }
        }
        set { words = Self.flattening(newValue) }
    }

    /// Whether the path has no segment at all.
    public var isEmpty: Bool { words.isEmpty }

    /// The path length for the decision process: each AS in a sequence counts
    /// one, each AS_SET counts one in all (RFC 4271 §9.1.2.2 a).
    public var length: Int {
        var total = 0
        var index = 0
        while index < words.count {
            let (type, count) = Self.unpack(words[index])
            total += type == .set ? 1 : count
            index += 1 + count
        }
        return total
    }

    /// The first AS of the path: the neighbour AS for routes from external peers.
    public var firstAutonomousSystem: UInt32? {
        guard let header = words.first, words.count > 1 else { return nil }
        let (type, count) = Self.unpack(header)
        return type == .sequence && count > 0 ? words[1] : nil
    }

    /// Whether `autonomousSystem` appears anywhere in the path (loop detection,
    /// RFC 4271 §9.1.2).
    public func contains(_ autonomousSystem: UInt32) -> Bool {
        segmentRanges.contains { _, range in words[range].contains(autonomousSystem) }
    }

    /// The path with `autonomousSystem` prepended, starting a new AS_SEQUENCE
    /// when the first segment is a set or already holds 255 ASes (RFC 4271 §5.1.2).
    public func prepending(_ autonomousSystem: UInt32) -> ASPath {
        var copy = self
        if let first = words.first.map(Self.unpack), first.type == .sequence, first.count < 255 {
            copy.words[0] = Self.header(.sequence, count: first.count + 1)
            copy.words.insert(autonomousSystem, at: 1)
        } else {
            let segment = [Self.header(.sequence, count: 1), autonomousSystem]
            copy.words.insert(contentsOf: segment, at: 0)
        }
        return copy
    }
}

// MARK: - The flattened layout

extension ASPath {
    /// The most ASes one segment may hold in `words`: the header keeps the count in 24 bits.
    static let maximumSegmentCount = 0xFF_FFFF

    /// The header word of a segment of `type` holding `count` ASes.
    static func header(_ type: ASPathSegmentType, count: Int) -> UInt32 {
        precondition(count <= maximumSegmentCount, "an AS_PATH segment holds under 2^24 ASes")
        return UInt32(type.rawValue) << 24 | UInt32(count)
    }

    /// The type and AS count in a header word.
    static func unpack(_ header: UInt32) -> (type: ASPathSegmentType, count: Int) {
        (ASPathSegmentType(rawValue: UInt8(header >> 24)), Int(header & 0xFF_FFFF))
    }

    /// Each segment's type and the range of `words` that holds its ASes, in order.
    var segmentRanges: SegmentRanges { SegmentRanges(words: words) }

    /// The segments of a path as types and ranges of its `words`, read lazily.
    struct SegmentRanges: Sequence, IteratorProtocol {
        let words: [UInt32]
        var index = 0

        mutating func next() -> (type: ASPathSegmentType, range: Range<Int>)? {
            guard index < words.count else { return nil }
            let (type, count) = ASPath.unpack(words[index])
            defer { index += 1 + count }
            return (type, index + 1..<index + 1 + count)
        }
    }

    /// `segments` laid out as `words`.
    static func flattening(_ segments: [ASPathSegment]) -> [UInt32] {
        var words: [UInt32] = []
        words.reserveCapacity(segments.reduce(0) { $0 + 1 + $1.autonomousSystems.count })
        for segment in segments {
            words.append(header(segment.type, count: segment.autonomousSystems.count))
            words.append(contentsOf: segment.autonomousSystems)
        }
        return words
    }
}

extension ASPath: CustomStringConvertible {
    /// ASes separated by spaces, sets in braces.
    public var description: String {
        segmentRanges.map { type, range in
            let list = words[range].map(String.init).joined(separator: " ")
            return type == .set ? "{\(list)}" : list
        }.joined(separator: " ")
    }
}

/// One segment of an AS_PATH.
public struct ASPathSegment: Sendable, Hashable {
    /// AS_SET, AS_SEQUENCE or a confederation segment.
    public var type: ASPathSegmentType
    /// The ASes of the segment, at most 255 on the wire.
    public var autonomousSystems: [UInt32]
    /// Creates a segment of `type` holding `autonomousSystems`.
    public init(type: ASPathSegmentType, autonomousSystems: [UInt32]) {
        self.type = type
        self.autonomousSystems = autonomousSystems
    }
}

/// AS_PATH segment types (RFC 4271 §4.3, RFC 5065 §3).
public struct ASPathSegmentType: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let set = ASPathSegmentType(rawValue: 1)
    public static let sequence = ASPathSegmentType(rawValue: 2)
    public static let confederationSequence = ASPathSegmentType(rawValue: 3)
    public static let confederationSet = ASPathSegmentType(rawValue: 4)
}
