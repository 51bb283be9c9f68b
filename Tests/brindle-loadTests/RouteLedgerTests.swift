import BGPWire
import Testing

@testable import brindle_load

/// The tally of what every client holds.
@Suite struct RouteLedgerTests {
    static let plan = LoadPlanTests.plan

    /// The attributes a correct reflector gives client `origin`'s routes.
    static func reflected(from origin: Int) -> PathAttributes {
        let address = plan.clientAddress(origin)
        return PathAttributes(
            origin: .igp, nextHop: address, localPreference: 100, originatorID: address,
            clusterList: [plan.clusterID])
    }

    /// A ledger in which every client got every other client's routes right.
    static func complete() -> RouteLedger {
        var ledger = RouteLedger(plan: plan)
        for receiver in 0..<plan.clientCount {
            for origin in 0..<plan.clientCount where origin != receiver {
                _ = ledger.announce(
                    plan.prefixes(of: origin), with: reflected(from: origin), to: receiver)
            }
        }
        return ledger
    }

    @Test func settlesWhenEveryForeignRouteIsHeld() {
        let ledger = Self.complete()
        #expect(ledger.isSettled)
        #expect(ledger.correctCount == 12 && ledger.wrongCount == 0 && ledger.missingCount == 0)
        #expect(ledger.missing(limit: 5).isEmpty)
    }

    @Test func countsARepeatedAnnouncementOnce() {
        var ledger = Self.complete()
        let unusual = ledger.announce(
            Self.plan.prefixes(of: 0), with: Self.reflected(from: 0), to: 1)
        #expect(unusual.isEmpty)
        #expect(ledger.correctCount == 12)
    }

    @Test func replacesARightRouteWithAWrongOneAndBack() {
        var ledger = Self.complete()
        let prefix = Self.plan.prefixes(of: 2)[0]
        let unusual = ledger.announce([prefix], with: Self.reflected(from: 1), to: 0)
        #expect(unusual.count == 1)
        #expect(unusual.first?.outcome == .wrong("next hop 10.0.0.255, want 10.0.1.0"))
        #expect(ledger.wrongCount == 1 && ledger.correctCount == 11 && ledger.isSettled)

        _ = ledger.announce([prefix], with: Self.reflected(from: 2), to: 0)
        #expect(ledger.wrongCount == 0 && ledger.correctCount == 12)
    }

    @Test func aWithdrawnRouteIsMissing() {
        var ledger = Self.complete()
        ledger.withdraw(Self.plan.prefixes(of: 1)[1], from: 2)
        ledger.withdraw(Self.plan.prefixes(of: 1)[1], from: 2)
        #expect(ledger.missingCount == 1 && !ledger.isSettled)
        let missing = ledger.missing(limit: 5)
        #expect(missing.count == 1)
        #expect(missing.first?.receiver == 2 && missing.first?.route == 3)
    }

    @Test func ownRoutesAndUnknownPrefixesAreNotHeld() {
        var ledger = RouteLedger(plan: Self.plan)
        let stray = IPv4Prefix("192.0.2.0/24")!
        let unusual = ledger.announce(
            Self.plan.prefixes(of: 0) + [stray], with: Self.reflected(from: 0), to: 0)
        #expect(unusual.map(\.outcome) == [.echo, .echo, .unexpected])
        #expect(ledger.echoCount == 2 && ledger.unexpectedCount == 1)
        #expect(ledger.correctCount == 0 && ledger.missingCount == 12)
    }

    @Test func listsMissingRoutesInOrderUpToTheLimit() {
        let ledger = RouteLedger(plan: Self.plan)
        let missing = ledger.missing(limit: 3)
        #expect(missing.map(\.receiver) == [0, 0, 0])
        #expect(missing.map(\.route) == [2, 3, 4])
    }
}
