extension ASPath {
    /// Decodes an AS_PATH or AS4_PATH value whose ASes take `asSize` octets
    /// (2 for AS_PATH from a two-octet peer, 4 otherwise; RFC 6793 §4).
    ///
    /// - Returns: nil when the path is malformed (RFC 7606 §7.2, RFC 6793
    ///   §6): an unknown segment type, a segment with no ASes, a segment
    ///   that runs past the value, or AS 0 anywhere (RFC 7607 §2).
    static func decode(_ value: ByteCursor, asSize: Int) -> ASPath? {
        guard let wordCount = checkedWordCount(value, asSize: asSize) else { return nil }
        // The check found whole segments filling exactly `wordCount` words.
        var cursor = value
        var remainingInSegment = 0
        var sawZero = false
        let path = ASPath.filled(count: wordCount) { _ in
            guard remainingInSegment == 0 else {
                remainingInSegment -= 1
                let next = cursor.readAutonomousSystem(size: asSize) ?? 0
                sawZero = sawZero || next == 0
                return next
            }
            let header = cursor.readUInt16() ?? 0
            remainingInSegment = Int(header & 0xFF)
            return UInt32(header >> 8) << 24 | UInt32(remainingInSegment)
        }
        // RFC 7607 §2: AS 0 makes the attribute malformed.
        return sawZero ? nil : path
    }

    /// The number of words for the path in `value`, after checking each segment's
    /// header and that its ASes fit in the value; nil for a malformed path.
    private static func checkedWordCount(_ value: ByteCursor, asSize: Int) -> Int? {
        var cursor = value
        var wordCount = 0
        while !cursor.isAtEnd {
            guard let rawType = cursor.readUInt8(), let count = cursor.readUInt8(), count > 0,
                (1...4).contains(rawType), cursor.skip(Int(count) * asSize)
            else { return nil }
            wordCount += 1 + Int(count)
        }
        return wordCount
    }

    /// Appends the path with ASes of `asSize` octets, each AS too large for
    /// two octets replaced by AS_TRANS (RFC 6793 §4.2.2), segments of more
    /// than 255 ASes split (RFC 4271 §4.3).
    func encode(into buffer: inout [UInt8], asSize: Int) {
        withSegmentRanges { ranges in
            for (type, range) in ranges {
                ASPath.encode(ranges.words[range], type: type, asSize: asSize, into: &buffer)
            }
        }
    }

    /// Appends one segment's ASes as segments of at most 255.
    private static func encode(
        _ autonomousSystems: Slice<UnsafeBufferPointer<UInt32>>, type: ASPathSegmentType,
        asSize: Int, into buffer: inout [UInt8]
    ) {
        var rest = autonomousSystems
        while !rest.isEmpty {
            let chunk = rest.prefix(255)
            rest = rest.dropFirst(chunk.count)
            buffer.append(type.rawValue)
            buffer.append(UInt8(chunk.count))
            for autonomousSystem in chunk {
                ASPath.append(autonomousSystem, size: asSize, to: &buffer)
            }
        }
    }

    /// The bytes `encode(into:asSize:)` appends.
    func encodedLength(asSize: Int) -> Int {
        withSegmentRanges { ranges in
            ranges.reduce(0) { total, segment in
                let count = segment.range.count
                let chunks = (count + 254) / 255
                return total + 2 * chunks + count * asSize
            }
        }
    }

    /// Appends one AS in `size` octets, AS_TRANS standing in for one that
    /// does not fit two.
    static func append(_ autonomousSystem: UInt32, size: Int, to buffer: inout [UInt8]) {
        if size == 4 {
            buffer.appendUInt32(autonomousSystem)
        } else {
            buffer.appendUInt16(
                autonomousSystem > UInt32(UInt16.max)
                    ? ASNumber.trans : UInt16(autonomousSystem))
        }
    }

    /// Whether some AS needs four octets, so that a two-octet peer must also
    /// get an AS4_PATH (RFC 6793 §4.2.2).
    var needsFourOctets: Bool {
        withSegmentRanges { ranges in
            ranges.contains { _, range in ranges.words[range].contains { $0 > UInt32(UInt16.max) } }
        }
    }

    /// Whether the path holds an AS_CONFED_SEQUENCE or AS_CONFED_SET (RFC 5065 §3).
    ///
    /// From a peer outside the receiver's confederation such a path is malformed: RFC 5065
    /// §5.3 and RFC 7606 §7.2 make the UPDATE treat-as-withdraw. The codec cannot tell the
    /// peer's kind, so the session or daemon applies the rule for external peers.
    public var containsConfederationSegments: Bool {
        withSegmentRanges { ranges in ranges.contains { $0.type.isConfederation } }
    }

    /// The path without confederation segments, which AS4_PATH never carries
    /// (RFC 6793 §3, §6).
    var withoutConfederationSegments: ASPath {
        guard containsConfederationSegments else { return self }
        return ASPath(segments: segments.filter { !$0.type.isConfederation })
    }

    /// The number of ASes for the AS4_PATH merge: a set counts one,
    /// confederation segments count nothing (RFC 6793 §4.2.3).
    var mergeLength: Int {
        segments.reduce(0) { total, segment in
            switch segment.type {
            case .sequence: total + segment.autonomousSystems.count
            case .set: total + 1
            default: total
            }
        }
    }

    /// The path rebuilt from this two-octet AS_PATH and a four-octet
    /// AS4_PATH (RFC 6793 §4.2.3): the AS4_PATH is ignored if it is the
    /// longer; otherwise the leading ASes of AS_PATH are kept and the
    /// AS4_PATH follows, so that the result is as long as AS_PATH.
    func merging(_ as4Path: ASPath) -> ASPath {
        var needed = mergeLength - as4Path.mergeLength
        guard needed >= 0 else { return self }

        var leading: [ASPathSegment] = []
        for segment in segments where needed > 0 || segment.type.isConfederation {
            guard segment.type == .sequence else {
                leading.append(segment)
                needed -= segment.type == .set ? 1 : 0
                continue
            }
            let taken = Array(segment.autonomousSystems.prefix(needed))
            leading.append(ASPathSegment(type: .sequence, autonomousSystems: taken))
            needed -= taken.count
        }
        return ASPath(segments: ASPath.joining(leading, as4Path.segments))
    }

    /// The segments of `leading` then `trailing`, the two AS_SEQUENCEs that
    /// meet at the cut made one when they fit one segment.
    private static func joining(
        _ leading: [ASPathSegment], _ trailing: [ASPathSegment]
    ) -> [ASPathSegment] {
        guard var last = leading.last, let first = trailing.first, last.type == .sequence,
            first.type == .sequence,
            last.autonomousSystems.count + first.autonomousSystems.count <= 255
        else { return leading + trailing }
        last.autonomousSystems += first.autonomousSystems
        return leading.dropLast() + [last] + trailing.dropFirst()
    }
}

extension ASPathSegmentType {
    /// Whether this is AS_CONFED_SEQUENCE or AS_CONFED_SET (RFC 5065 §3).
    var isConfederation: Bool { self == .confederationSequence || self == .confederationSet }
}
