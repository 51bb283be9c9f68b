import BGPWire

/// Which routes each client holds, and whether each arrived with the attributes a route
/// reflector must give it: the whole result of a run, in two bits per (client, route).
///
/// An UPDATE replaces what its prefixes had (RFC 4271 §3.1, an implicit withdrawal), so
/// a route first received wrong and then right counts as right.
struct RouteLedger {
    /// What a received prefix that is not simply correct turned out to be.
    enum Outcome: Equatable {
        /// One of another client's routes, with the problem found.
        case wrong(String)
        /// The receiver's own route, sent back: allowed, and ignored (RFC 4456 §8).
        case echo
        /// A prefix no client announced.
        case unexpected
    }

    /// The clients and their routes.
    let plan: LoadPlan

    /// Routes held with the expected attributes, over all clients.
    private(set) var correctCount = 0
    /// Routes held with some other attributes, over all clients.
    private(set) var wrongCount = 0
    /// Own routes sent back, counted once per message.
    private(set) var echoCount = 0
    /// Prefixes no client announced, counted once per message.
    private(set) var unexpectedCount = 0

    private var held: BitVector
    private var wrong: BitVector

    /// Creates an empty ledger for `plan`.
    init(plan: LoadPlan) {
        self.plan = plan
        held = BitVector(count: plan.clientCount * plan.totalRoutes)
        wrong = BitVector(count: plan.clientCount * plan.totalRoutes)
    }

    /// Routes expected and not held at all.
    var missingCount: Int { plan.expectedRoutes - correctCount - wrongCount }

    /// Whether every expected route is held, right or wrong: nothing more will come.
    var isSettled: Bool { correctCount + wrongCount == plan.expectedRoutes }

    /// Records that client `receiver` was sent `prefixes`, all with `attributes`.
    /// - Returns: the prefixes that were not correct, with what they were; usually none.
    mutating func announce(
        _ prefixes: [IPv4Prefix], with attributes: PathAttributes, to receiver: Int
    ) -> [(prefix: IPv4Prefix, outcome: Outcome)] {
        var unusual: [(prefix: IPv4Prefix, outcome: Outcome)] = []
        // A reflector packs prefixes by attribute set, so runs share one origin.
        var checked: (origin: Int, problem: String?)?
        for prefix in prefixes {
            guard let route = plan.routeNumber(of: prefix) else {
                unexpectedCount += 1
                unusual.append((prefix, .unexpected))
                continue
            }
            let origin = plan.origin(ofRoute: route)
            guard origin != receiver else {
                echoCount += 1
                unusual.append((prefix, .echo))
                continue
            }
            if checked?.origin != origin {
                checked = (origin, plan.problem(with: attributes, fromClient: origin))
            }
            let problem = checked?.problem
            store(slot: receiver * plan.totalRoutes + route, wrong: problem != nil)
            if let problem { unusual.append((prefix, .wrong(problem))) }
        }
        return unusual
    }

    /// Records that client `receiver` was told `prefix` is withdrawn.
    mutating func withdraw(_ prefix: IPv4Prefix, from receiver: Int) {
        guard let route = plan.routeNumber(of: prefix),
            plan.origin(ofRoute: route) != receiver
        else { return }
        clear(slot: receiver * plan.totalRoutes + route)
    }

    /// Up to `limit` expected routes not held, as (receiver, route number) pairs, in
    /// order of receiver and route.
    func missing(limit: Int) -> [(receiver: Int, route: Int)] {
        var found: [(receiver: Int, route: Int)] = []
        for receiver in 0..<plan.clientCount {
            for route in 0..<plan.totalRoutes where found.count < limit {
                guard plan.origin(ofRoute: route) != receiver else { continue }
                if !held[receiver * plan.totalRoutes + route] { found.append((receiver, route)) }
            }
            guard found.count < limit else { break }
        }
        return found
    }

    private mutating func store(slot: Int, wrong isWrong: Bool) {
        clear(slot: slot)
        held.set(slot, to: true)
        wrong.set(slot, to: isWrong)
        if isWrong { wrongCount += 1 } else { correctCount += 1 }
    }

    private mutating func clear(slot: Int) {
        guard held.set(slot, to: false) else { return }
        if wrong.set(slot, to: false) { wrongCount -= 1 } else { correctCount -= 1 }
    }
}
