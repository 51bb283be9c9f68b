import BGPWire

/// What a `run` or `direct` measured; times in seconds, nil when not reached.
struct RunResult {
    /// Whether the run ended.
    var finished = false
    /// Whether the monitor held every expected prefix.
    var converged = false
    /// Why the run ended early, if it did.
    var failure: String?
    /// Sessions that reached Established.
    var establishedSessions = 0
    /// From the first connect until every session was Established.
    var establishedSeconds: Double?
    /// From the first UPDATE written until the kernel took the last sender's last byte.
    var sentSeconds: Double?
    /// From the first UPDATE written until the monitor held the last expected prefix.
    var convergedSeconds: Double?
    /// Prefixes, UPDATEs and bytes all senders sent.
    var prefixesSent = 0, updatesSent = 0, bytesSent = 0
    /// Prefixes the monitor had to hold.
    var prefixesExpected = 0
    /// Prefixes sent but not expected, their AS_PATH holding the daemon's or the monitor's AS.
    var prefixesLooped = 0
    /// Expected prefixes the monitor held at the end.
    var prefixesReceived = 0
    /// Announcements of prefixes nobody sent, and withdrawals, the monitor received.
    var unexpectedPrefixes = 0, withdrawals = 0
    /// With `--next-hop-self`, prefixes that arrived with a next hop not the daemon's.
    var otherNextHops = 0
    /// The first expected prefixes missing at the end.
    var missingExamples: [IPv4Prefix] = []
    /// Whether a daemon process was sampled (`--pid`); the daemon_* members appear only then.
    var daemonSampled = false
    /// The daemon's CPU seconds over the run, from the first UPDATE to the end.
    var daemonCPUSeconds: Double?
    /// The daemon's peak, first and last resident set size, in KiB.
    var daemonPeakResidentKiB: Int?, daemonResidentBeforeKiB: Int?, daemonResidentAfterKiB: Int?

    /// The contract's JSON line for `mode`.
    func json(mode: RunOptions.Mode) -> String {
        var line = JSONLine()
        line.add("mode", mode.rawValue)
        line.add("established_s", establishedSeconds)
        line.add("sent_s", sentSeconds)
        line.add("converged_s", convergedSeconds)
        line.add("prefixes_sent", prefixesSent)
        line.add("updates_sent", updatesSent)
        line.add("bytes_sent", bytesSent)
        line.add("prefixes_expected", prefixesExpected)
        line.add("prefixes_received", prefixesReceived)
        line.add("prefixes_looped", prefixesLooped)
        line.add("unexpected_prefixes", unexpectedPrefixes)
        line.add("withdrawals", withdrawals)
        line.add("other_next_hops", otherNextHops)
        if daemonSampled {
            line.add("daemon_cpu_s", daemonCPUSeconds)
            line.add("daemon_peak_rss_kib", daemonPeakResidentKiB)
            line.add("daemon_rss_before_kib", daemonResidentBeforeKiB)
            line.add("daemon_rss_after_kib", daemonResidentAfterKiB)
        }
        if let failure { line.add("failure", failure) }
        if !missingExamples.isEmpty {
            line.add("missing_examples", missingExamples.map(\.description).joined(separator: " "))
        }
        return line.text
    }
}
