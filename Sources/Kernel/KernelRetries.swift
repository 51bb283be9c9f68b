import BGPWire

/// The prefixes whose kernel write did not take, each with the attempts made so far, so
/// that the daemon writes their current route again a second later, up to
/// `maximumAttempts` times.
///
/// A prefix enters when the kernel refuses its request (an interface still down, a next
/// hop not yet reachable) or when the socket fails on its batch, so that what the kernel
/// holds for it is unknown; it leaves when a later batch writes it cleanly or when it has
/// used up its attempts. Rewriting a prefix's current route, or deleting it again, is
/// always safe, so a retry never needs to know what the failed request was.
public struct KernelRetries: Sendable {
    /// Attempts after which a prefix is given up on: a minute of retries a second apart.
    public static let maximumAttempts = 60

    private var attempts: [IPPrefix: Int] = [:]

    /// What recording a written batch found: refusals of a prefix seen for the first time
    /// (worth a warning), and last ones, after which the prefix is given up (an error).
    public struct Report: Equatable, Sendable {
        public var firstRefusals: [RouteFailure] = []
        public var lastRefusals: [RouteFailure] = []
    }

    public init() {}

    /// Whether no prefix waits for a retry.
    public var isEmpty: Bool { attempts.isEmpty }

    /// The prefixes waiting for a retry.
    public var prefixes: Dictionary<IPPrefix, Int>.Keys { attempts.keys }

    /// The attempts made so far for `prefix`; 0 when it is not waiting.
    public func attempts(for prefix: IPPrefix) -> Int { attempts[prefix, default: 0] }

    /// After a batch was written: its prefixes that were not refused leave, and each
    /// refused one counts an attempt.
    public mutating func recordWritten(
        _ changes: [IPPrefix: KernelRoute?], failures: [RouteFailure]
    ) -> Report {
        let refused = Set(failures.map(\.prefix))
        if !attempts.isEmpty {
            for prefix in Array(attempts.keys)
            where changes.index(forKey: prefix) != nil && !refused.contains(prefix) {
                attempts[prefix] = nil
            }
        }
        var report = Report()
        for failure in failures {
            switch countAttempt(failure.prefix) {
            case 1: report.firstRefusals.append(failure)
            case Self.maximumAttempts...: report.lastRefusals.append(failure)
            default: break
            }
        }
        return report
    }

    /// After the socket failed on a batch: each of its prefixes counts an attempt.
    /// Returns how many prefixes were given up on.
    public mutating func recordFailed(_ changes: [IPPrefix: KernelRoute?]) -> Int {
        var abandoned = 0
        for prefix in changes.keys where countAttempt(prefix) >= Self.maximumAttempts {
            abandoned += 1
        }
        return abandoned
    }

    /// Counts one attempt for `prefix`, which leaves once it reaches the maximum; returns
    /// the count.
    private mutating func countAttempt(_ prefix: IPPrefix) -> Int {
        let count = attempts[prefix, default: 0] + 1
        attempts[prefix] = count < Self.maximumAttempts ? count : nil
        return count
    }
}
