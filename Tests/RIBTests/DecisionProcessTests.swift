import BGPWire
import Testing

@testable import RIB

/// Two routes for one prefix where exactly one rule of RFC 4271 §9.1.2.2 (with RFC 4456 §9)
/// decides.
struct DecisionCase: Sendable, CustomTestStringConvertible {
    var rule: String
    var winner: (PeerInfo, PathAttributes)
    var loser: (PeerInfo, PathAttributes)

    var testDescription: String { rule }
}

/// This router, standing in as the advertiser of an originated route.
private let local = PeerInfo(
    id: .local, address: TestPeers.routerID, autonomousSystem: TestPeers.localAS,
    bgpIdentifier: TestPeers.routerID, isInternal: false)

private let lowIdentifier = IPv4Address(10, 0, 0, 1)
private let highIdentifier = IPv4Address(10, 9, 9, 9)

/// In every case the loser has the lower BGP identifier and address where it can, so that
/// the last rules would pick it if the rule named did not decide.
private let decisionCases: [DecisionCase] = {
    typealias T = TestPeers
    let internalLow = T.peer(2, autonomousSystem: T.localAS, identifier: lowIdentifier)
    let internalHigh = T.peer(3, autonomousSystem: T.localAS, identifier: highIdentifier)
    let externalLow = T.peer(4, autonomousSystem: 65001, identifier: lowIdentifier)
    let externalHigh = T.peer(5, autonomousSystem: 65001, identifier: highIdentifier)
    let otherASHigh = T.peer(6, autonomousSystem: 65002, identifier: highIdentifier)
    let sameIdentifierLowAddress = T.peer(
        7, autonomousSystem: T.localAS, identifier: lowIdentifier,
        address: IPv4Address(192, 0, 2, 1))
    let sameIdentifierHighAddress = T.peer(
        8, autonomousSystem: T.localAS, identifier: lowIdentifier,
        address: IPv4Address(192, 0, 2, 200))
    return [
        DecisionCase(
            rule: "locally originated wins over a higher LOCAL_PREF",
            winner: (local, T.attributes([])),
            loser: (internalLow, T.attributes([], localPreference: 500))),
        DecisionCase(
            rule: "highest LOCAL_PREF",
            winner: (internalHigh, T.attributes([65001, 65002], localPreference: 200)),
            loser: (internalLow, T.attributes([65001], localPreference: 100))),
        DecisionCase(
            rule: "missing LOCAL_PREF counts as 100",
            winner: (internalHigh, T.attributes([65001, 65002], localPreference: 101)),
            loser: (internalLow, T.attributes([65001]))),
        DecisionCase(
            rule: "shortest AS_PATH",
            winner: (externalHigh, T.attributes([65001])),
            loser: (externalLow, T.attributes([65001, 65003]))),
        DecisionCase(
            rule: "an AS_SET counts one",
            winner: (externalHigh, setPath([65001], set: [65005, 65006, 65007])),
            loser: (externalLow, T.attributes([65001, 65003, 65004]))),
        DecisionCase(
            rule: "lowest ORIGIN, IGP over EGP",
            winner: (externalHigh, T.attributes([65001], origin: .igp)),
            loser: (externalLow, T.attributes([65001], origin: .egp))),
        DecisionCase(
            rule: "lowest ORIGIN, EGP over INCOMPLETE",
            winner: (externalHigh, T.attributes([65001], origin: .egp)),
            loser: (externalLow, T.attributes([65001], origin: .incomplete))),
        DecisionCase(
            rule: "lowest MED from the same neighbouring AS",
            winner: (externalHigh, T.attributes([65001], med: 10)),
            loser: (externalLow, T.attributes([65001], med: 20))),
        DecisionCase(
            rule: "missing MED counts as 0",
            winner: (externalHigh, T.attributes([65001])),
            loser: (externalLow, T.attributes([65001], med: 1))),
        DecisionCase(
            rule: "MED is not compared across neighbouring ASes",
            winner: (externalLow, T.attributes([65001], med: 50)),
            loser: (otherASHigh, T.attributes([65002], med: 10))),
        DecisionCase(
            rule: "external over internal",
            winner: (externalHigh, T.attributes([65001])),
            loser: (internalLow, T.attributes([65002]))),
        DecisionCase(
            rule: "lowest BGP identifier",
            winner: (internalLow, T.attributes([65001])),
            loser: (internalHigh, T.attributes([65001]))),
        DecisionCase(
            rule: "ORIGINATOR_ID stands in for a higher BGP identifier",
            winner: (internalHigh, reflected(originator: IPv4Address(10, 0, 0, 0), clusters: 0)),
            loser: (internalLow, T.attributes([65001]))),
        DecisionCase(
            rule: "ORIGINATOR_ID stands in for a lower BGP identifier",
            winner: (internalHigh, T.attributes([65001])),
            loser: (internalLow, reflected(originator: IPv4Address(10, 200, 0, 1), clusters: 0))),
        DecisionCase(
            rule: "shortest CLUSTER_LIST",
            winner: (sameIdentifierHighAddress, reflected(originator: nil, clusters: 1)),
            loser: (sameIdentifierLowAddress, reflected(originator: nil, clusters: 2))),
        DecisionCase(
            rule: "missing CLUSTER_LIST counts zero",
            winner: (sameIdentifierHighAddress, T.attributes([65001])),
            loser: (sameIdentifierLowAddress, reflected(originator: nil, clusters: 1))),
        DecisionCase(
            rule: "lowest peer address",
            winner: (sameIdentifierLowAddress, T.attributes([65001])),
            loser: (sameIdentifierHighAddress, T.attributes([65001]))),
    ]
}()

/// An internal route from outside with ORIGINATOR_ID `originator` and `clusters` entries in
/// CLUSTER_LIST.
private func reflected(originator: IPv4Address?, clusters: Int) -> PathAttributes {
    var attributes = TestPeers.attributes([65001])
    attributes.originatorID = originator
    attributes.clusterList = (0..<clusters).map { IPv4Address(10, 0, 1, UInt8($0)) }
    return attributes
}

private func setPath(_ sequence: [UInt32], set: [UInt32]) -> PathAttributes {
    var attributes = TestPeers.attributes(sequence)
    attributes.asPath.segments.append(ASPathSegment(type: .set, autonomousSystems: set))
    return attributes
}

@Suite struct DecisionProcessTests {
    private let prefix = TestPeers.prefix("10.1.0.0/16")

    private func announce(_ route: (PeerInfo, PathAttributes), to rib: RIB<IPv4Prefix>) {
        let (peer, attributes) = route
        if peer.id == .local {
            _ = rib.originate(prefix, attributes: attributes)
        } else {
            _ = rib.update(
                from: peer.id, withdrawn: [], announced: [prefix], attributes: attributes)
        }
    }

    private func rib(for testCase: DecisionCase) -> RIB<IPv4Prefix> {
        let peers = [testCase.winner.0, testCase.loser.0].filter { $0.id != .local }
        return TestPeers.makeRIB(peers)
    }

    @Test(arguments: decisionCases)
    func winnerAnnouncedFirst(_ testCase: DecisionCase) {
        let rib = rib(for: testCase)
        announce(testCase.winner, to: rib)
        announce(testCase.loser, to: rib)
        #expect(rib.bestRoute(for: prefix)?.peer == testCase.winner.0.id)
        #expect(rib.routes(for: prefix).map(\.peer) == [testCase.winner.0.id, testCase.loser.0.id])
    }

    @Test(arguments: decisionCases)
    func winnerAnnouncedLast(_ testCase: DecisionCase) {
        let rib = rib(for: testCase)
        announce(testCase.loser, to: rib)
        announce(testCase.winner, to: rib)
        #expect(rib.bestRoute(for: prefix)?.peer == testCase.winner.0.id)
    }

    /// MED is compared within a neighbouring AS before the other rules run on the survivors:
    /// B (AS 65001, MED 5) knocks out A (AS 65001, MED 9); C (AS 65002) then wins over B on
    /// identifier, although pairwise A would beat C.
    @Test func medEliminatesWithinEachNeighbouringAS() {
        let a = TestPeers.peer(4, autonomousSystem: 65001, identifier: IPv4Address(10, 0, 0, 1))
        let b = TestPeers.peer(5, autonomousSystem: 65001, identifier: IPv4Address(10, 0, 0, 3))
        let c = TestPeers.peer(6, autonomousSystem: 65002, identifier: IPv4Address(10, 0, 0, 2))
        let rib = TestPeers.makeRIB([a, b, c])
        announce((a, TestPeers.attributes([65001], med: 9)), to: rib)
        announce((b, TestPeers.attributes([65001], med: 5)), to: rib)
        announce((c, TestPeers.attributes([65002])), to: rib)
        #expect(rib.bestRoute(for: prefix)?.peer == c.id)
    }

    @Test func externalLocalPreferenceIsStrippedAndCountsAs100() {
        let eBGP = TestPeers.externalA
        let iBGP = TestPeers.internalA
        let rib = TestPeers.makeRIB([eBGP, iBGP])
        announce((eBGP, TestPeers.attributes([65001], localPreference: 500)), to: rib)
        announce((iBGP, TestPeers.attributes([65001, 65002], localPreference: 150)), to: rib)

        #expect(rib.bestRoute(for: prefix)?.peer == iBGP.id)
        #expect(rib.adjRIBIn(of: eBGP.id).first?.attributes.localPreference == nil)
    }
}

/// The pairwise decision for two candidates must agree with the set steps, whichever order
/// they come in, over many generated pairs that tie on various rules.
@Suite struct DecisionProcessPairTests {
    private let process = DecisionProcess(localAS: TestPeers.localAS)

    /// Candidate pairs from a fixed-seed generator: small value ranges make ties common, so
    /// that every rule gets to decide some pairs.
    private func generatedPairs() -> [(Candidate, Candidate)] {
        var generator = SplitMix(seed: 0x5EED)
        func pick<T>(_ values: [T]) -> T { values[Int(generator.next() % UInt64(values.count))] }
        func candidate(_ id: UInt32) -> Candidate {
            let peer = TestPeers.peer(
                id, autonomousSystem: pick([TestPeers.localAS, 65001, 65002]),
                identifier: IPv4Address(10, 0, 0, pick([1, 2])),
                address: IPv4Address(192, 0, 2, UInt8(id)))
            var attributes = TestPeers.attributes(
                pick([[], [65001], [65002], [65001, 65003]]), med: pick([nil, 0, 5]),
                localPreference: pick([nil, 100, 200]))
            attributes.origin = pick([.igp, .egp, .incomplete])
            attributes.clusterList = pick([[], [IPv4Address(10, 9, 0, 1)]])
            attributes.originatorID = pick([nil, IPv4Address(10, 0, 0, 3)])
            let path = Path(peer: peer.id, attributes: AttributeIndex(rawValue: id))
            return Candidate(path: path, attributes: attributes, peer: peer)
        }
        return (0..<2000).map { number in
            (candidate(UInt32(2 + number % 50)), candidate(UInt32(60 + number % 50)))
        }
    }

    @Test func pairwiseMatchesTheSetStepsInBothOrders() {
        for (first, second) in generatedPairs() {
            let bySet = process.bestOfSet([first, second]).path
            #expect(process.preferred(first, second).path == bySet)
            #expect(process.preferred(second, first).path == bySet)
            #expect(process.best(of: [first, second]).path == bySet)
        }
    }
}

/// splitmix64, a small deterministic generator for test data.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
