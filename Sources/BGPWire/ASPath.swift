/// An AS_PATH (RFC 4271 §5.1.2) with four-octet AS numbers.
public struct ASPath: Sendable, Hashable {
    /// The segments, in the order they appear on the wire.
    public var segments: [ASPathSegment]
    /// Creates a path from its segments; empty for a locally originated route.
    public init(segments: [ASPathSegment] = []) { self.segments = segments }

    /// A path of one AS_SEQUENCE.
    public init(sequence: [UInt32]) {
        segments =
            sequence.isEmpty ? [] : [ASPathSegment(type: .sequence, autonomousSystems: sequence)]
    }

    /// The path length for the decision process: each AS in a sequence counts
    /// one, each AS_SET counts one in all (RFC 4271 §9.1.2.2 a).
    public var length: Int {
        segments.reduce(0) { total, segment in
            total + (segment.type == .set ? 1 : segment.autonomousSystems.count)
        }
    }

    /// The first AS of the path: the neighbour AS for routes from external peers.
    public var firstAutonomousSystem: UInt32? {
        guard let first = segments.first, first.type == .sequence else { return nil }
        return first.autonomousSystems.first
    }

    /// Whether `autonomousSystem` appears anywhere in the path (loop detection,
    /// RFC 4271 §9.1.2).
    public func contains(_ autonomousSystem: UInt32) -> Bool {
        segments.contains { $0.autonomousSystems.contains(autonomousSystem) }
    }

    /// The path with `autonomousSystem` prepended, starting a new AS_SEQUENCE
    /// when the first segment is a set or already holds 255 ASes (RFC 4271 §5.1.2).
    public func prepending(_ autonomousSystem: UInt32) -> ASPath {
        var copy = self
        if let first = copy.segments.first, first.type == .sequence,
            first.autonomousSystems.count < 255
        {
            copy.segments[0].autonomousSystems.insert(autonomousSystem, at: 0)
        } else {
            copy.segments.insert(
                ASPathSegment(type: .sequence, autonomousSystems: [autonomousSystem]), at: 0)
        }
        return copy
    }
}

extension ASPath: CustomStringConvertible {
    /// ASes separated by spaces, sets in braces.
    public var description: String {
        segments.map { segment in
            let list = segment.autonomousSystems.map(String.init).joined(separator: " ")
            return segment.type == .set ? "{\(list)}" : list
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
