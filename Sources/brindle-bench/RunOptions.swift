import BGPWire
import EventLoop

/// The command line of `run` (against a daemon) and `direct` (senders into our own
/// monitor, no daemon between).
struct RunOptions: Equatable {
    /// Through a daemon, or straight into the monitor.
    enum Mode: String { case daemon, direct }

    /// The mode, from the subcommand.
    var mode: Mode
    /// The daemon's address and port (`run` only).
    var target: SocketAddress?
    /// The daemon's AS (`run` only).
    var daemonAS: UInt32 = 64511
    /// The senders' addresses: each session's source and BGP identifier.
    var senders: [IPv4Address]
    /// The first sender's AS; sender i is in AS + i.
    var senderAS: UInt32 = 65001
    /// The monitor's address.
    var monitor: IPv4Address
    /// The monitor's AS.
    var monitorAS: UInt32 = 65100
    /// The table to play.
    var table: TableSource
    /// How much each sender's slice overlaps the next one's, in percent.
    var overlap = 0
    /// How many prefixes each sender sends; nil for the whole table.
    var perSender: Int?
    /// Whether the daemon should set itself as next hop (counted, not required).
    var nextHopSelf = false
    /// How many prefixes the monitor must hold; nil for every distinct prefix sent.
    var expect: Int?
    /// Seconds until the run gives up, from the first connect.
    var timeout = 120.0
    /// The hold time every session offers.
    var holdTime: UInt16 = 90
    /// A daemon process to sample.
    var pid: Int32?
    /// Once the monitor converged and the report is printed, the sessions stay up (with
    /// KEEPALIVEs) until a file at this path exists: a daemon that is still writing the
    /// kernel keeps its routes meanwhile, which a closed session would withdraw.
    var holdUntil: String?

    /// The loopback addresses of `direct`: the monitor listens on 127.0.0.1, sender i
    /// connects from 127.1.0.(i + 1).
    static let directMonitor = IPv4Address(127, 0, 0, 1)

    /// The NEXT_HOP sender `index` gives its routes: its own address against a daemon; in
    /// `direct`, where the senders are on loopback, which no route may have as next hop
    /// (RFC 6890), an address of the benchmarking block 198.18.0.0/15 (RFC 2544).
    func nextHop(ofSender index: Int) -> IPv4Address {
        guard mode == .direct else { return senders[index] }
        return IPv4Address(rawValue: IPv4Address(198, 18, 0, 1).rawValue + UInt32(index))
    }

    /// Parses the words after `run` or `direct`.
    /// - Throws: `UsageError` for a missing, malformed or unexpected argument.
    init(mode: Mode, _ words: [String]) throws(UsageError) {
        var arguments = Arguments(words)
        self.mode = mode
        table = try arguments.required("--table", "synthetic:N[:SEED], mrt:PATH or prefixes:PATH") {
            TableSource($0)
        }
        (senders, monitor) = ([], Self.directMonitor)
        if mode == .daemon { try parseDaemon(&arguments) } else { try parseDirect(&arguments) }
        try parseCommon(&arguments)
        try arguments.finish()
    }

    private mutating func parseDaemon(_ arguments: inout Arguments) throws(UsageError) {
        target = try arguments.required("--target", "ADDRESS[:PORT]", Self.endpoint)
        daemonAS = try arguments.required("--daemon-as", "an AS number", Self.autonomousSystem)
        senders = try arguments.all("--sender").map { (word) throws(UsageError) in
            guard let address = IPv4Address(word) else {
                throw UsageError("--sender: '\(word)' is not an IPv4 address")
            }
            return address
        }
        guard !senders.isEmpty else { throw UsageError("--sender is required") }
        senderAS = try arguments.required("--sender-as", "an AS number", Self.autonomousSystem)
        monitor = try arguments.required("--monitor", "an IPv4 address") { IPv4Address($0) }
        monitorAS = try arguments.required("--monitor-as", "an AS number", Self.autonomousSystem)
        nextHopSelf = arguments.flag("--next-hop-self")
        pid = try arguments.value("--pid", "a process id") {
            Int32($0).flatMap { $0 > 0 ? $0 : nil }
        }
    }

    private mutating func parseDirect(_ arguments: inout Arguments) throws(UsageError) {
        let count = try arguments.value("--senders", "a count from 1 to 250") {
            Int($0).flatMap { (1...250).contains($0) ? $0 : nil }
        }
        senders = (0..<(count ?? 1)).map { IPv4Address(127, 1, 0, UInt8($0 + 1)) }
    }

    private mutating func parseCommon(_ arguments: inout Arguments) throws(UsageError) {
        overlap =
            try arguments.value("--overlap", "a percentage") {
                Int($0).flatMap { (0...100).contains($0) ? $0 : nil }
            } ?? 0
        perSender = try arguments.value("--per-sender", "a count above 0") {
            Int($0).flatMap { $0 > 0 ? $0 : nil }
        }
        expect = try arguments.value("--expect", "a count") {
            Int($0).flatMap { $0 >= 0 ? $0 : nil }
        }
        timeout =
            try arguments.value("--timeout", "seconds") {
                Double($0).flatMap { $0 > 0 ? $0 : nil }
            } ?? timeout
        holdUntil = try arguments.value("--hold-until", "a path") { $0.isEmpty ? nil : $0 }
        holdTime =
            try arguments.value("--hold-time", "0 or 3 to 65535") {
                UInt16($0).flatMap { $0 == 0 || $0 >= 3 ? $0 : nil }
            } ?? holdTime
        guard UInt64(senderAS) + UInt64(senders.count) <= UInt64(UInt32.max) else {
            throw UsageError("--sender-as: the senders' ASes leave the four-octet range")
        }
    }

    /// `a.b.c.d` or `a.b.c.d:port`, port 179 by default.
    static func endpoint(_ text: String) -> SocketAddress? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPv4Address(parts[0]) else { return nil }
        guard parts.count == 2 else { return SocketAddress(address: address.rawValue, port: 179) }
        guard let port = UInt16(parts[1]), port > 0 else { return nil }
        return SocketAddress(address: address.rawValue, port: port)
    }

    /// An AS number from 1 to 4294967295 (RFC 6793).
    static func autonomousSystem(_ text: String) -> UInt32? {
        UInt32(text).flatMap { $0 > 0 ? $0 : nil }
    }
}
