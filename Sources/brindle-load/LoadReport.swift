import BGPWire
import Foundation

/// The result of a run: what was asked, how long it took, what arrived, and what the
/// daemon used. Printed as text or as one JSON object.
struct LoadReport: Encodable, Equatable {
    /// The reflector as `address:port`.
    var reflector: String
    /// How many clients took part.
    var clients: Int
    /// How many /32s each client announced.
    var routesPerClient: Int
    /// The cluster id expected in every CLUSTER_LIST.
    var clusterID: String
    /// Sessions that reached Established.
    var established = 0
    /// Seconds from the first connect until all sessions were Established.
    var establishSeconds: Double?
    /// Seconds from the first announcement until every route had arrived.
    var convergeSeconds: Double?
    /// Whether the run ended because time ran out.
    var timedOut = false
    /// The routes all clients together must hold: N * (N - 1) * K.
    var expectedRoutes = 0
    /// Routes held with the expected attributes.
    var correctRoutes = 0
    /// Routes held with other attributes.
    var wrongRoutes = 0
    /// Expected routes not held at the end.
    var missingRoutes = 0
    /// Clients' own routes sent back to them (allowed, not counted as wrong).
    var echoedRoutes = 0
    /// Prefixes received that no client announced.
    var unexpectedRoutes = 0
    /// Sessions that failed to come up or went down.
    var sessionFailures = 0
    /// A few failures and wrong, unexpected or missing routes.
    var examples: [String] = []
    /// The daemon sampled, from `--pid`.
    var daemonPID: Int32?
    /// The daemon's user and system CPU time over the run.
    var daemonCPUSeconds: Double?
    /// The daemon's peak resident set size at the end of the run.
    var daemonPeakResidentBytes: UInt64?
    /// brindle-load's own CPU time, to tell whether the tool rather than the daemon was
    /// the bottleneck.
    var loadCPUSeconds: Double?

    /// A report with the run's parameters and nothing measured yet.
    init(options: LoadOptions, plan: LoadPlan) {
        reflector = "\(options.reflector):\(options.port)"
        clients = plan.clientCount
        routesPerClient = plan.routesPerClient
        clusterID = "\(plan.clusterID)"
        expectedRoutes = plan.expectedRoutes
        daemonPID = options.daemonPID
    }

    /// Whether everything matched: all sessions up, every route right, none extra.
    var ok: Bool {
        established == clients && sessionFailures == 0 && !timedOut && wrongRoutes == 0
            && missingRoutes == 0 && unexpectedRoutes == 0 && convergeSeconds != nil
    }

    /// Copies the counts of `ledger`.
    mutating func count(_ ledger: RouteLedger) {
        correctRoutes = ledger.correctCount
        wrongRoutes = ledger.wrongCount
        missingRoutes = ledger.missingCount
        echoedRoutes = ledger.echoCount
        unexpectedRoutes = ledger.unexpectedCount
    }

    private enum CodingKeys: String, CodingKey {
        case reflector, clients, routesPerClient, clusterID, established, establishSeconds
        case convergeSeconds, timedOut, expectedRoutes, correctRoutes, wrongRoutes
        case missingRoutes, echoedRoutes, unexpectedRoutes, sessionFailures, examples
        case daemonPID, daemonCPUSeconds, daemonPeakResidentBytes, loadCPUSeconds, ok
    }

    /// Encodes every field, absent ones as null, and the verdict as `ok`.
    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(reflector, forKey: .reflector)
        try container.encode(clients, forKey: .clients)
        try container.encode(routesPerClient, forKey: .routesPerClient)
        try container.encode(clusterID, forKey: .clusterID)
        try container.encode(established, forKey: .established)
        try container.encode(establishSeconds, forKey: .establishSeconds)
        try container.encode(convergeSeconds, forKey: .convergeSeconds)
        try container.encode(timedOut, forKey: .timedOut)
        try encodeCounts(into: &container)
        try container.encode(examples, forKey: .examples)
        try container.encode(daemonPID, forKey: .daemonPID)
        try container.encode(daemonCPUSeconds, forKey: .daemonCPUSeconds)
        try container.encode(daemonPeakResidentBytes, forKey: .daemonPeakResidentBytes)
        try container.encode(loadCPUSeconds, forKey: .loadCPUSeconds)
        try container.encode(ok, forKey: .ok)
    }

    private func encodeCounts(
        into container: inout KeyedEncodingContainer<CodingKeys>
    ) throws {
        try container.encode(expectedRoutes, forKey: .expectedRoutes)
        try container.encode(correctRoutes, forKey: .correctRoutes)
        try container.encode(wrongRoutes, forKey: .wrongRoutes)
        try container.encode(missingRoutes, forKey: .missingRoutes)
        try container.encode(echoedRoutes, forKey: .echoedRoutes)
        try container.encode(unexpectedRoutes, forKey: .unexpectedRoutes)
        try container.encode(sessionFailures, forKey: .sessionFailures)
    }

    // MARK: - Output

    /// One JSON object on one line, keys sorted, absent values as null.
    var json: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        // Encoding plain numbers, strings and arrays of strings cannot fail.
        let data = (try? encoder.encode(self)) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }

    /// Aligned lines for a person.
    var text: String {
        var lines = [
            "reflector    \(reflector), cluster id \(clusterID)",
            "clients      \(clients) x \(routesPerClient) routes",
            "established  \(established)/\(clients)" + Self.seconds(establishSeconds),
            "converged    \(correctRoutes)/\(expectedRoutes) routes correct"
                + Self.seconds(convergeSeconds, after: "after the first announcement"),
            "wrong        \(wrongRoutes), missing \(missingRoutes), unexpected"
                + " \(unexpectedRoutes), echoed \(echoedRoutes)",
            "sessions     \(sessionFailures) failed" + (timedOut ? ", timed out" : ""),
        ]
        if let daemonPID, let daemonCPUSeconds, let daemonPeakResidentBytes {
            let mebibytes = Double(daemonPeakResidentBytes) / 1_048_576
            lines.append(
                "daemon       pid \(daemonPID): \(Self.fixed(daemonCPUSeconds)) s CPU, "
                    + "peak RSS \(Self.fixed(mebibytes)) MiB")
        }
        if let loadCPUSeconds {
            lines.append("load tool    \(Self.fixed(loadCPUSeconds)) s CPU")
        }
        lines += examples.map { "example      " + $0 }
        lines.append("result       " + (ok ? "ok" : "FAILED"))
        return lines.joined(separator: "\n")
    }

    private static func seconds(_ value: Double?, after what: String = "") -> String {
        guard let value else { return "" }
        return " in \(fixed(value)) s" + (what.isEmpty ? "" : " " + what)
    }

    /// Two decimals, without Foundation's locale-dependent formatting.
    static func fixed(_ value: Double) -> String {
        let hundredths = Int((value * 100).rounded())
        let fraction = abs(hundredths % 100)
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
