import BGPWire

/// What one run of brindle-load does, parsed from its command line.
struct LoadOptions: Equatable {
    /// The route reflector's address.
    var reflector: IPv4Address
    /// The reflector's TCP port; 179 unless given after the address.
    var port: UInt16 = 179
    /// The AS of the reflector and every client: the sessions are internal.
    var autonomousSystem: UInt32
    /// How many client sessions to open.
    var clientCount: Int
    /// How many /32 routes each client announces.
    var routesPerClient: Int
    /// The first client's address; client i uses the i-th address after it.
    var firstClient: IPv4Address
    /// The first announced /32; client i announces from `prefixBase + i * routesPerClient`.
    var prefixBase: IPv4Address
    /// The only cluster id every reflected route's CLUSTER_LIST may hold (RFC 4456 §8).
    var clusterID: IPv4Address
    /// Seconds from the start until the run gives up.
    var timeout: Double = 120
    /// The most sessions opening (connecting or exchanging OPENs) at once.
    var batch: Int = 8
    /// The hold time the clients propose (RFC 4271 §4.2).
    var holdTime: UInt16 = 90
    /// Seconds to keep the sessions up after the report (until SIGTERM or SIGINT).
    var linger: Double = 0
    /// Whether to print the report as JSON.
    var json = false
    /// A daemon whose CPU time and peak memory to sample from /proc.
    var daemonPID: Int32?

    /// The usage text for `--help` and errors.
    static let usage = """
        usage: brindle-load --reflector ADDRESS[:PORT] --as AS --clients N --routes K
                            --first-client ADDRESS --prefix-base ADDRESS --cluster-id ID
                            [--timeout SECONDS] [--batch N] [--hold-time SECONDS]
                            [--linger SECONDS] [--pid PID] [--json]

        Opens N iBGP sessions to one route reflector, client i from first-client + i
        (its source address and BGP identifier), and announces K /32 routes per client
        from prefix-base + i * K. Checks that every client receives every other
        client's routes with NEXT_HOP and ORIGINATOR_ID the originating client's address
        and CLUSTER_LIST exactly [ID], and reports how long that took. Run it where the
        client addresses are configured (ip netns exec). Exit status 0 only when every
        route arrived as expected, 1 when not, 2 for a usage error.

        --batch       the most sessions opening at once (default 8: BIRD 2.0 drops
                      SYNs beyond a short accept queue, costing a 1 s retransmission)
        --hold-time   the hold time offered (default 90)
        --timeout     seconds for the whole run (default 120)
        --linger      after the report, keep the sessions up this long or until
                      SIGTERM or SIGINT, to look at the daemon (default 0)
        --pid         a daemon to sample: CPU seconds over the run and peak RSS
        """

    /// Parses the arguments, without the program name.
    /// - Throws: `UsageError` naming the first missing, malformed or leftover argument,
    ///   or a plan whose address ranges overlap or leave IPv4.
    init(_ words: [String]) throws(UsageError) {
        var list = OptionList(words)
        (reflector, port) = try list.required("--reflector", as: "ADDRESS[:PORT]") {
            Self.parseEndpoint($0)
        }
        autonomousSystem = try list.required("--as", as: "an AS number") { UInt32($0) }
        clientCount = try list.required("--clients", as: "a count above 1") {
            Int($0).flatMap { $0 >= 2 ? $0 : nil }
        }
        routesPerClient = try list.required("--routes", as: "a count above 0") {
            Int($0).flatMap { $0 >= 1 ? $0 : nil }
        }
        firstClient = try list.required("--first-client", as: "an address") { IPv4Address($0) }
        prefixBase = try list.required("--prefix-base", as: "an address") { IPv4Address($0) }
        clusterID = try list.required("--cluster-id", as: "an address") { IPv4Address($0) }
        try parseOptional(&list)
        try list.finish()
        try checkRanges()
    }

    private mutating func parseOptional(_ list: inout OptionList) throws(UsageError) {
        timeout =
            try list.optional("--timeout", as: "seconds") {
                Double($0).flatMap { $0 > 0 ? $0 : nil }
            } ?? timeout
        batch =
            try list.optional("--batch", as: "a count above 0") {
                Int($0).flatMap { $0 >= 1 ? $0 : nil }
            } ?? batch
        holdTime =
            try list.optional("--hold-time", as: "0 or 3 to 65535") {
                UInt16($0).flatMap { $0 == 0 || $0 >= 3 ? $0 : nil }
            } ?? holdTime
        linger =
            try list.optional("--linger", as: "seconds") {
                Double($0).flatMap { $0 >= 0 ? $0 : nil }
            } ?? linger
        daemonPID = try list.optional("--pid", as: "a process id") {
            Int32($0).flatMap { $0 > 0 ? $0 : nil }
        }
        json = list.flag("--json")
    }

    /// `a.b.c.d` or `a.b.c.d:port`.
    static func parseEndpoint(_ text: String) -> (IPv4Address, UInt16)? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count <= 2, let address = IPv4Address(parts[0]) else { return nil }
        guard parts.count == 2 else { return (address, 179) }
        guard let port = UInt16(parts[1]), port > 0 else { return nil }
        return (address, port)
    }

    /// The client addresses and the announced prefixes must stay inside IPv4 and apart,
    /// so that every received prefix names exactly one originating client.
    private func checkRanges() throws(UsageError) {
        let clients =
            UInt64(firstClient.rawValue)..<UInt64(firstClient.rawValue)
            + UInt64(clientCount)
        let prefixes =
            UInt64(prefixBase.rawValue)..<UInt64(prefixBase.rawValue)
            + UInt64(clientCount) * UInt64(routesPerClient)
        let end = UInt64(UInt32.max) + 1
        guard clients.upperBound <= end else { throw UsageError("the client addresses leave IPv4") }
        guard prefixes.upperBound <= end else { throw UsageError("the prefixes leave IPv4") }
        guard !clients.overlaps(prefixes) else {
            throw UsageError("the client addresses and the announced prefixes overlap")
        }
        guard !clients.contains(UInt64(reflector.rawValue)) else {
            throw UsageError("the reflector's address is among the client addresses")
        }
    }
}
