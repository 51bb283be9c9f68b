import Testing

@testable import BGPWire

/// The RFC 6793 §4.2.3 merge of AS_PATH and AS4_PATH, and the path's flattened storage on
/// both sides of the inline limit (`ASPath.inlineCapacity` words).
@Suite struct ASPathTests {
    static let trans = UInt32(ASNumber.trans)

    /// Sequence lengths around the inline limit: seven ASes and a header fit, eight do not;
    /// 300 is split in two on the wire.
    static let lengths = [0, 1, 6, 7, 8, 20, 300]

    @Test(arguments: lengths) func readsBackItsSegments(length: Int) {
        let autonomousSystems = (0..<UInt32(length)).map { 65000 + $0 }
        let path = ASPath(sequence: autonomousSystems)
        let segment = ASPathSegment(type: .sequence, autonomousSystems: autonomousSystems)
        #expect(path.segments == (length == 0 ? [] : [segment]))
        #expect(path.length == length)
        #expect(path.isEmpty == (length == 0))
        #expect(path.firstAutonomousSystem == autonomousSystems.first)
        #expect(path.contains(65000 + UInt32(length) - 1) == (length > 0))
        #expect(!path.contains(64999))
    }

    @Test(arguments: lengths) func decodesToTheSamePath(length: Int) throws {
        let path = ASPath(sequence: (0..<UInt32(length)).map { 4_200_000_000 + $0 })
        var bytes: [UInt8] = []
        path.encode(into: &bytes, asSize: 4)
        let decoded = try #require(
            bytes.withUnsafeBytes { ASPath.decode(ByteCursor($0), asSize: 4) })
        #expect(decoded.length == length)
        let decodedASes = decoded.segments.flatMap(\.autonomousSystems)
        #expect(decodedASes == path.segments.flatMap(\.autonomousSystems))
        if length <= 255 {
            #expect(decoded == path)
            #expect(decoded.hashValue == path.hashValue)
        }
    }

    @Test func prependsAcrossTheInlineLimit() {
        let inline = ASPath(sequence: [65002, 65003, 65004, 65005, 65006, 65007]).prepending(65001)
        #expect(inline == ASPath(sequence: (65001...65007).map { $0 }))
        let spilled = inline.prepending(65000)
        #expect(spilled == ASPath(sequence: (65000...65007).map { $0 }))
        #expect(spilled.hashValue == ASPath(sequence: (65000...65007).map { $0 }).hashValue)
        #expect(spilled.segments.count == 1)
    }

    @Test func comparesSegmentTypes() {
        let set = ASPath(segments: [ASPathSegment(type: .set, autonomousSystems: [65001, 65002])])
        #expect(set != ASPath(sequence: [65001, 65002]))
        #expect(set.length == 1)
        #expect(set.firstAutonomousSystem == nil)
        #expect(set.description == "{65001 65002}")
    }

    @Test func needsFourOctetsOnlyForALargeAS() {
        #expect(!ASPath(sequence: [65001, 65002]).needsFourOctets)
        #expect(ASPath(sequence: [65001, 4_200_000_000]).needsFourOctets)
    }

    @Test func replacesTheTrailingASes() {
        let asPath = ASPath(sequence: [65001, Self.trans, Self.trans])
        let merged = asPath.merging(ASPath(sequence: [4_200_000_000, 4_200_000_001]))
        #expect(merged == ASPath(sequence: [65001, 4_200_000_000, 4_200_000_001]))
    }

    @Test func ignoresALongerAS4Path() {
        let asPath = ASPath(sequence: [65001])
        #expect(asPath.merging(ASPath(sequence: [1, 2])) == asPath)
    }

    @Test func countsASetAsOne() {
        let asPath = ASPath(segments: [
            ASPathSegment(type: .sequence, autonomousSystems: [65001, Self.trans]),
            ASPathSegment(type: .set, autonomousSystems: [Self.trans, 65002]),
        ])
        let as4Path = ASPath(segments: [
            ASPathSegment(type: .sequence, autonomousSystems: [4_200_000_000]),
            ASPathSegment(type: .set, autonomousSystems: [4_200_000_001, 65002]),
        ])
        let expected = ASPath(segments: [
            ASPathSegment(type: .sequence, autonomousSystems: [65001, 4_200_000_000]),
            ASPathSegment(type: .set, autonomousSystems: [4_200_000_001, 65002]),
        ])
        #expect(asPath.merging(as4Path) == expected)
    }

    @Test func keepsLeadingConfederationSegments() {
        let confederation = ASPathSegment(type: .confederationSequence, autonomousSystems: [65500])
        let asPath = ASPath(segments: [
            confederation, ASPathSegment(type: .sequence, autonomousSystems: [65001, Self.trans]),
        ])
        let expected = ASPath(segments: [
            confederation,
            ASPathSegment(type: .sequence, autonomousSystems: [65001, 4_200_000_000]),
        ])
        #expect(asPath.merging(ASPath(sequence: [4_200_000_000])) == expected)
    }
}
