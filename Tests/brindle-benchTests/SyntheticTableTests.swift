import BGPWire
import Testing

@testable import brindle_bench

/// The shape of the synthetic table.
@Suite struct SyntheticTableTests {
    static let table = SyntheticTable.make(count: 30_000, seed: 7)

    @Test func isTheSameForTheSameSeedAndDiffersForAnother() {
        #expect(SyntheticTable.make(count: 30_000, seed: 7) == Self.table)
        #expect(SyntheticTable.make(count: 30_000, seed: 8) != Self.table)
    }

    @Test func holdsDistinctSortedPrefixesOutsideTheExcludedBlocks() {
        #expect(Set(Self.table.prefixes).count == 30_000)
        #expect(Self.table.prefixes == Self.table.prefixes.sorted())
        let firstOctets = Set(Self.table.prefixes.map { $0.address.rawValue >> 24 })
        #expect(firstOctets.isDisjoint(with: [0, 10, 100, 127, 169, 172, 192]))
        #expect(firstOctets.allSatisfy { $0 < 224 })
    }

    @Test func hasMostlySlash24ThenSlash22To23ThenSlash16To21() {
        let histogram = Self.table.lengthHistogram
        func share(_ lengths: ClosedRange<UInt8>) -> Double {
            Double(lengths.reduce(0) { $0 + histogram[$1, default: 0] }) / 30_000
        }
        #expect((0.52...0.60).contains(share(24...24)))
        #expect((0.19...0.25).contains(share(22...23)))
        #expect((0.17...0.23).contains(share(16...21)))
        #expect(share(16...24) > 0.96)
    }

    @Test func hasAboutThreePrefixesPerAttributeSet() {
        let perSet = Double(Self.table.count) / Double(Self.table.attributeSets.count)
        #expect((2.8...3.2).contains(perSet))
        let sizes = Self.table.attributeSets.indices.map { Self.table.range(ofSet: $0).count }
        #expect(sizes.allSatisfy { (1...5).contains($0) })
    }

    @Test func hasPathsOfOneToTenPublicASesSomePrependedCommunitiesOnHalfMEDOnSome() {
        let sets = Self.table.attributeSets
        let paths = sets.map { $0.asPath.segments[0].autonomousSystems }
        let distinctLengths = paths.map { Set($0).count }
        #expect(distinctLengths.allSatisfy { (1...10).contains($0) })
        #expect(
            paths.allSatisfy { path in
                path.allSatisfy { !(64_496...131_071).contains($0) && $0 != 23_456 && $0 != 0 }
            })
        let prepended = paths.filter { $0.count >= 2 && $0[$0.count - 1] == $0[$0.count - 2] }
        #expect((0.15...0.35).contains(Double(prepended.count) / Double(sets.count)))
        let communities = sets.filter { !$0.communities.isEmpty }.count
        #expect((0.45...0.55).contains(Double(communities) / Double(sets.count)))
        let meds = sets.filter { $0.multiExitDiscriminator != nil }.count
        #expect((0.2...0.4).contains(Double(meds) / Double(sets.count)))
    }
}
