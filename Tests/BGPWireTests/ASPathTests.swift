import Testing

@testable import BGPWire

/// The RFC 6793 §4.2.3 merge of AS_PATH and AS4_PATH.
@Suite struct ASPathTests {
    static let trans = UInt32(ASNumber.trans)

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
