/// The paths known for one prefix, at most one per peer, with the best one in front
/// (RFC 4271 §9.1: the Loc-RIB entry and the Adj-RIB-In candidates behind it).
///
/// Sixteen bytes inline: a prefix with a single path allocates nothing, further paths go to
/// one shared array. A set is never empty; the static functions work on an optional set so
/// that removing the last path removes the set.
struct CandidateSet {
    /// The path the decision process chose last, or the newest one until it runs again.
    private(set) var best: Path
    private var others: [Path] = []

    /// A set of one path, which is the best.
    init(_ path: Path) {
        best = path
    }

    /// The number of paths.
    var count: Int { 1 + others.count }

    /// The one path besides the best, when the set holds exactly two.
    var onlyOther: Path? { others.count == 1 ? others[0] : nil }

    /// Every path, the best first, the others in no order.
    var paths: [Path] { [best] + others }

    /// The path from `peer`, if it sent one.
    func path(from peer: PeerID) -> Path? {
        best.peer == peer ? best : others.first { $0.peer == peer }
    }

    /// Puts `path` in `set`, replacing the one from the same peer; returns the replaced path.
    static func insert(_ path: Path, into set: inout CandidateSet?) -> Path? {
        guard set != nil else {
            set = CandidateSet(path)
            return nil
        }
        return set!.insert(path)
    }

    /// Takes the path from `peer` out of `set`, leaving nil when it was the last; returns it.
    static func remove(_ peer: PeerID, from set: inout CandidateSet?) -> Path? {
        guard let current = set, let path = current.path(from: peer) else { return nil }
        guard current.count > 1 else {
            set = nil
            return path
        }
        set!.remove(peer)
        return path
    }

    /// Moves `path`, which must be in the set, to the front.
    mutating func promote(_ path: Path) {
        guard path != best else { return }
        guard let index = others.firstIndex(of: path) else {
            preconditionFailure("promoted path \(path) is not a candidate")
        }
        others[index] = best
        best = path
    }

    private mutating func insert(_ path: Path) -> Path? {
        if best.peer == path.peer {
            defer { best = path }
            return best
        }
        guard let index = others.firstIndex(where: { $0.peer == path.peer }) else {
            others.append(path)
            return nil
        }
        defer { others[index] = path }
        return others[index]
    }

    private mutating func remove(_ peer: PeerID) {
        if best.peer == peer {
            best = others.removeLast()
        } else {
            others.removeAll { $0.peer == peer }
        }
    }
}
