import BGPWire

/// A path as the decision process sees it: the path with its attributes and its peer.
struct Candidate {
    /// The stored path.
    var path: Path
    /// Its attributes, after import.
    var attributes: PathAttributes
    /// The peer that advertised it; this router itself for an originated route.
    var peer: PeerInfo

    /// Whether this router originated the route.
    var isLocal: Bool { path.peer == .local }
}

/// The tie-breaking of the BGP decision process (RFC 4271 §9.1.2.2, amended by RFC 4456 §9),
/// as steps that each keep only the candidates one rule prefers, run until one is left.
///
/// The rules, in order: a locally originated route wins (before LOCAL_PREF, as originating
/// is this router's own decision); highest degree of preference, LOCAL_PREF with 100 for an
/// external route or a missing value (§9.1.1); shortest AS_PATH (a); lowest ORIGIN (b);
/// lowest MULTI_EXIT_DISC among routes from the same neighbouring AS (c); external over
/// internal (d); lowest BGP identifier (f), the route's ORIGINATOR_ID standing in for the
/// peer's identifier when it has one; shortest CLUSTER_LIST, inserted by RFC 4456 §9 between
/// f and g; lowest peer address (g).
///
/// Rule e, the lowest interior cost to the NEXT_HOP, is left out: in a container network every
/// next hop is a directly connected host or router, no IGP runs, and the RIB does not resolve
/// next hops, so all costs would be equal.
///
/// As in the RFC the steps work on the whole set, not on pairs: the MED rule only compares
/// routes from one neighbouring AS, so pairwise comparison would not be transitive. For
/// exactly two candidates the set steps and one pairwise walk through the rules give the
/// same answer (a step keeps both or the one it prefers), and two is the common case
/// of a prefix learned from several peers, so that case is decided without building sets.
struct DecisionProcess {
    /// The LOCAL_PREF a route without one counts as (RFC 4271 §5.1.5 leaves it to policy).
    static let defaultLocalPreference: UInt32 = 100

    /// The rules, in the order they run.
    enum Rule: CaseIterable {
        /// Routes this router originates win over learned ones.
        case preferLocal
        /// Highest LOCAL_PREF, missing counted as 100 (RFC 4271 §9.1.1).
        case highestLocalPreference
        /// Fewest ASes in AS_PATH, an AS_SET counting one (RFC 4271 §9.1.2.2 a).
        case shortestASPath
        /// Lowest ORIGIN: IGP, then EGP, then INCOMPLETE (RFC 4271 §9.1.2.2 b).
        case lowestOrigin
        /// Within each neighbouring AS, only the routes with the lowest MULTI_EXIT_DISC stay;
        /// a missing MED counts as 0, the lowest possible (RFC 4271 §9.1.2.2 c).
        case lowestMultiExitDiscriminator
        /// Routes from external peers over routes from internal ones (RFC 4271 §9.1.2.2 d).
        case preferExternal
        /// Lowest BGP identifier of the advertising peer (RFC 4271 §9.1.2.2 f); for a
        /// reflected route, its ORIGINATOR_ID, the identifier of the router that put it
        /// into our AS (RFC 4456 §9).
        case lowestBGPIdentifier
        /// Shortest CLUSTER_LIST, a missing one counting zero: the route reflected through
        /// fewer clusters (RFC 4456 §9).
        case shortestClusterList
        /// Lowest peer address (RFC 4271 §9.1.2.2 g).
        case lowestPeerAddress
    }

    /// Our AS, the neighbouring AS of internal routes that did not come from outside.
    var localAS: UInt32

    /// The best of `candidates`, which must not be empty.
    func best(of candidates: [Candidate]) -> Candidate {
        precondition(!candidates.isEmpty, "decision process run on no candidates")
        guard candidates.count != 2 else { return preferred(candidates[0], candidates[1]) }
        return bestOfSet(candidates)
    }

    /// The best of `candidates` by the set steps, each keeping the candidates one rule
    /// prefers, run until one is left.
    func bestOfSet(_ candidates: [Candidate]) -> Candidate {
        var remaining = candidates
        for rule in Rule.allCases where remaining.count > 1 {
            remaining = keepingPreferred(by: rule, remaining)
        }
        // Two sessions to one address are not possible; the peer number keeps it a function.
        return remaining.min { $0.path.peer < $1.path.peer }!
    }

    /// The one of two candidates the rules prefer: the first rule that tells them apart
    /// decides; MED only between routes from one neighbouring AS.
    func preferred(_ first: Candidate, _ second: Candidate) -> Candidate {
        for rule in Rule.allCases {
            if rule == .lowestMultiExitDiscriminator,
                neighbourAS(of: first) != neighbourAS(of: second)
            {
                continue
            }
            let (firstKey, secondKey) = (key(rule, of: first), key(rule, of: second))
            if firstKey != secondKey { return firstKey < secondKey ? first : second }
        }
        return first.path.peer < second.path.peer ? first : second
    }

    /// What `rule` compares, lower preferred; for MED, the MED, compared only within one
    /// neighbouring AS.
    func key(_ rule: Rule, of candidate: Candidate) -> UInt64 {
        switch rule {
        case .preferLocal: candidate.isLocal ? 0 : 1
        case .highestLocalPreference: UInt64(UInt32.max - localPreference(of: candidate))
        case .shortestASPath: UInt64(candidate.attributes.asPath.length)
        case .lowestOrigin: UInt64((candidate.attributes.origin ?? .incomplete).rawValue)
        case .lowestMultiExitDiscriminator: UInt64(med(of: candidate))
        case .preferExternal: candidate.peer.isInternal ? 1 : 0
        case .lowestBGPIdentifier:
            UInt64((candidate.attributes.originatorID ?? candidate.peer.bgpIdentifier).rawValue)
        case .shortestClusterList: UInt64(candidate.attributes.clusterList.count)
        case .lowestPeerAddress: UInt64(candidate.peer.address.rawValue)
        }
    }

    /// The candidates `rule` keeps: those with the lowest key, or for MED those with the
    /// lowest MED of their neighbouring AS.
    func keepingPreferred(by rule: Rule, _ candidates: [Candidate]) -> [Candidate] {
        guard rule == .lowestMultiExitDiscriminator else {
            guard let lowest = candidates.lazy.map({ key(rule, of: $0) }).min() else {
                return candidates
            }
            return candidates.filter { key(rule, of: $0) == lowest }
        }
        var lowest: [UInt32: UInt32] = [:]
        for candidate in candidates {
            let neighbour = neighbourAS(of: candidate)
            lowest[neighbour] = min(lowest[neighbour] ?? .max, med(of: candidate))
        }
        return candidates.filter { med(of: $0) == lowest[neighbourAS(of: $0)] }
    }

    // MARK: - Helpers

    private func localPreference(of candidate: Candidate) -> UInt32 {
        guard candidate.peer.isInternal || candidate.isLocal else {
            return Self.defaultLocalPreference
        }
        return candidate.attributes.localPreference ?? Self.defaultLocalPreference
    }

    private func med(of candidate: Candidate) -> UInt32 {
        candidate.attributes.multiExitDiscriminator ?? 0
    }

    /// The AS the route entered ours from: the external peer's AS, or for an internal route
    /// the first AS of its path, or our own AS when the path is empty or starts with a set
    /// (RFC 4271 §9.1.2.2 c, neighborAS).
    private func neighbourAS(of candidate: Candidate) -> UInt32 {
        guard candidate.peer.isInternal || candidate.isLocal else {
            return candidate.peer.autonomousSystem
        }
        return candidate.attributes.asPath.firstAutonomousSystem ?? localAS
    }
}
