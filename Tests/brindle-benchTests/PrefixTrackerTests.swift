import BGPWire
import Testing

@testable import brindle_bench

/// What the monitor holds.
@Suite struct PrefixTrackerTests {
    static let prefixes = ["1.0.0.0/24", "1.0.0.0/23", "2.0.0.0/8"].map { IPv4Prefix($0)! }

    @Test func countsAnnouncedPrefixesOnceAndWithdrawalsClearThem() {
        var tracker = PrefixTracker(expected: Self.prefixes + Self.prefixes)
        #expect(tracker.expectedCount == 3)
        tracker.announce([Self.prefixes[0], Self.prefixes[0], Self.prefixes[2]])
        #expect(tracker.heldCount == 2)
        tracker.withdraw([Self.prefixes[0], IPv4Prefix("9.0.0.0/8")!])
        #expect(tracker.heldCount == 1 && tracker.withdrawals == 2)
        #expect(tracker.missing(limit: 5) == [Self.prefixes[1], Self.prefixes[0]].sorted())
    }

    @Test func countsAnnouncementsOfPrefixesNobodySent() {
        var tracker = PrefixTracker(expected: Self.prefixes)
        tracker.announce([IPv4Prefix("1.0.0.0/22")!, Self.prefixes[1]])
        #expect(tracker.unexpectedAnnouncements == 1 && tracker.heldCount == 1)
    }
}
