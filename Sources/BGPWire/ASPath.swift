/// An AS_PATH (RFC 4271 §5.1.2) with four-octet AS numbers.
///
/// The segments live flattened in one run of words: each segment is a header word, its
/// type in the top eight bits and its AS count in the low 24, followed by its ASes. A run
/// of up to `inlineCapacity` words (a path of one segment and up to seven ASes, most
/// paths) is held in the value itself, so that it needs no allocation; a longer one is an
/// array. Two paths are equal when their segments are.
public struct ASPath: Sendable, Hashable {
    /// The flattened segments, inline while they fit.
    private var storage: Storage

    /// Where the words are.
    private enum Storage: Sendable {
        /// The first `count` words of the tuple; only for up to `inlineCapacity` words.
        case inline(InlineWords, count: UInt8)
        /// More than `inlineCapacity` words.
        case array([UInt32])
    }

    /// Room for `inlineCapacity` words in the value itself.
    private typealias InlineWords = (
        UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32
    )

    /// The most words held inline.
    static let inlineCapacity = 8

    /// A path of the flattened segments `words`, as `header(_:count:)` lays them out.
    init(words: [UInt32]) {
        guard words.count <= Self.inlineCapacity else {
            storage = .array(words)
            return
        }
        storage = Self.inline(count: words.count) { index in words[index] }
    }

    /// Creates a path from its segments; empty for a locally originated route.
    public init(segments: [ASPathSegment] = []) {
        self.init(words: segments.isEmpty ? [] : Self.flattening(segments))
    }

    /// A path of one AS_SEQUENCE.
    public init(sequence: [UInt32]) {
        let segment = ASPathSegment(type: .sequence, autonomousSystems: sequence)
        self.init(segments: sequence.isEmpty ? [] : [segment])
    }

    /// The segments, in the order they appear on the wire.
    public var segments: [ASPathSegment] {
        get {
            withSegmentRanges { ranges in
                ranges.map { type, range in
                    ASPathSegment(type: type, autonomousSystems: Array(ranges.words[range]))
                }
            }
        }
        set { self = ASPath(segments: newValue) }
    }

    /// Whether the path has no segment at all.
    public var isEmpty: Bool { withWords(\.isEmpty) }

    /// The path length for the decision process: each AS in a sequence counts
    /// one, each AS_SET counts one in all (RFC 4271 §9.1.2.2 a).
    public var length: Int {
        withSegmentRanges { ranges in
            ranges.reduce(0) { total, segment in
                total + (segment.type == .set ? 1 : segment.range.count)
            }
        }
    }

    /// The first AS of the path: the neighbour AS for routes from external peers.
    public var firstAutonomousSystem: UInt32? {
        withWords { words in
            guard let header = words.first, words.count > 1 else { return nil }
            let (type, count) = Self.unpack(header)
            return type == .sequence && count > 0 ? words[1] : nil
        }
    }

    /// Whether `autonomousSystem` appears anywhere in the path (loop detection,
    /// RFC 4271 §9.1.2).
    public func contains(_ autonomousSystem: UInt32) -> Bool {
        withSegmentRanges { ranges in
            ranges.contains { _, range in ranges.words[range].contains(autonomousSystem) }
        }
    }

    /// The path with `autonomousSystem` prepended, starting a new AS_SEQUENCE
    /// when the first segment is a set or already holds 255 ASes (RFC 4271 §5.1.2).
    public func prepending(_ autonomousSystem: UInt32) -> ASPath {
        var words = withWords { Array($0) }
        if let first = words.first.map(Self.unpack), first.type == .sequence, first.count < 255 {
            words[0] = Self.header(.sequence, count: first.count + 1)
            words.insert(autonomousSystem, at: 1)
        } else {
            words.insert(contentsOf: [Self.header(.sequence, count: 1), autonomousSystem], at: 0)
        }
        return ASPath(words: words)
    }

    public static func == (lhs: ASPath, rhs: ASPath) -> Bool {
        lhs.withWords { left in rhs.withWords { right in left.elementsEqual(right) } }
    }

    public func hash(into hasher: inout Hasher) {
        withWords { words in
            hasher.combine(words.count)
            hasher.combine(bytes: UnsafeRawBufferPointer(words))
        }
    }
}

// MARK: - The flattened layout

extension ASPath {
    /// The most ASes one segment may hold in the words: the header keeps the count in 24
    /// bits.
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

    /// Inline storage of `count` words, at most `inlineCapacity`, the word at each index
    /// from `word`.
    private static func inline(count: Int, _ word: (Int) -> UInt32) -> Storage {
        var words: InlineWords = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &words) { raw in
            for index in 0..<count {
                raw.storeBytes(of: word(index), toByteOffset: 4 * index, as: UInt32.self)
            }
        }
        return .inline(words, count: UInt8(count))
    }

    /// A path of `count` words from `word`, inline while they fit: what the decoder builds.
    /// `word` is called once for each index, in order.
    static func filled(count: Int, _ word: (Int) -> UInt32) -> ASPath {
        guard count > inlineCapacity else { return ASPath(storage: inline(count: count, word)) }
        var words: [UInt32] = []
        words.reserveCapacity(count)
        for index in 0..<count { words.append(word(index)) }
        return ASPath(storage: .array(words))
    }

    private init(storage: Storage) { self.storage = storage }

    /// Calls `body` with the words, wherever they are.
    func withWords<Result>(_ body: (UnsafeBufferPointer<UInt32>) -> Result) -> Result {
        switch storage {
        case .array(let words):
            return words.withUnsafeBufferPointer(body)
        case .inline(let words, let count):
            return withUnsafeBytes(of: words) { raw in
                let start = raw.baseAddress?.assumingMemoryBound(to: UInt32.self)
                return body(UnsafeBufferPointer(start: start, count: Int(count)))
            }
        }
    }

    /// Calls `body` with each segment's type and the range of the words that holds its
    /// ASes.
    func withSegmentRanges<Result>(_ body: (SegmentRanges) -> Result) -> Result {
        withWords { body(SegmentRanges(words: $0)) }
    }

    /// The segments of a path as types and ranges of its words, read lazily; valid only
    /// inside `withSegmentRanges`.
    struct SegmentRanges: Sequence, IteratorProtocol {
        /// The path's words.
        let words: UnsafeBufferPointer<UInt32>
        /// The index of the next segment's header word.
        var index = 0

        /// The next segment's type and the range of its ASes in `words`.
        mutating func next() -> (type: ASPathSegmentType, range: Range<Int>)? {
            guard index < words.count else { return nil }
            let (type, count) = ASPath.unpack(words[index])
            defer { index += 1 + count }
            return (type, index + 1..<index + 1 + count)
        }
    }

    /// `segments` laid out as words.
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
        withSegmentRanges { ranges in
            ranges.map { type, range in
                let list = ranges.words[range].map(String.init).joined(separator: " ")
                return type == .set ? "{\(list)}" : list
            }.joined(separator: " ")
        }
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
