import Foundation
import Testing

/// Tests of the built brindlectl binary: exit statuses, single-line errors, and (as root)
/// the container plumbing in network namespaces this test creates and deletes.
private let packageRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
private let binary = packageRoot.appendingPathComponent(".build/debug/brindlectl").path

private struct Outcome {
    var status: Int32
    var output: String
    var errors: String
}

/// Runs `wrapper + [brindlectl] + arguments` with the store at `store`.
private func run(_ arguments: [String], store: String, wrapper: [String] = []) throws -> Outcome {
    #expect(FileManager.default.isExecutableFile(atPath: binary), "build brindlectl first")
    let process = Process()
    let command = wrapper + [binary] + arguments
    process.executableURL = URL(fileURLWithPath: wrapper.isEmpty ? binary : "/usr/bin/env")
    process.arguments = wrapper.isEmpty ? arguments : command
    process.environment = [
        "BRINDLE_STORE": store, "BRINDLE_NODE": "n1", "PATH": "/usr/sbin:/usr/bin:/sbin:/bin",
    ]
    let output = Pipe()
    let errors = Pipe()
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    let outputData = output.fileHandleForReading.readDataToEndOfFile()
    let errorData = errors.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Outcome(
        status: process.terminationStatus, output: String(decoding: outputData, as: UTF8.self),
        errors: String(decoding: errorData, as: UTF8.self))
}

private func ip(_ arguments: String...) throws -> Outcome {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = ["ip"] + arguments
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.nullDevice
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Outcome(
        status: process.terminationStatus, output: String(decoding: data, as: UTF8.self),
        errors: "")
}

private let notAClusterID =
    "is not a cluster id (a dotted quad, a number from 1 to 4294967295, or 'default')"

private let badArguments: [([String], String)] = [
    (["pool", "add", "10.0.0.1/33"], "pool add: '10.0.0.1/33' is not an IPv4 prefix"),
    (
        ["pool", "add", "10.0.0.1/24"],
        "pool add: '10.0.0.1/24' has host bits set; the network is 10.0.0.0/24"
    ),
    (["pool", "add", "1.2.3.4/"], "pool add: '1.2.3.4/' is not an IPv4 prefix"),
    (["pool", "add", ""], "pool add: '' is not an IPv4 prefix"),
    (["pool", "add"], "pool add: missing CIDR"),
    (["pool", "add", "10.0.0.0/24", "--frob"], "pool add: unknown option '--frob'"),
    (["pool", "show", "extra"], "pool show: unexpected argument 'extra'"),
    (["pool"], "pool: missing subcommand (add, remove, show)"),
    (["frob"], "unknown command 'frob' (pool, node, bgp, container, status, show)"),
    (["--store"], "option --store needs a value"),
    (["node", "add", "n1"], "node add: missing --ip ADDR"),
    (["node", "add", "n1", "--ip="], "node add: '' is not an IPv4 address"),
    (["node", "add", "n1", "--ip", "300.1.1.1"], "node add: '300.1.1.1' is not an IPv4 address"),
    (
        ["node", "add", "n1", "--ip", "1.2.3.4", "--as", "4294967296"],
        "node add: '4294967296' is not an AS number (1 to 4294967295)"
    ),
    (
        ["node", "add", "a b", "--ip", "1.2.3.4"],
        "node add: 'a b' is not a valid node name (1 to 63 letters, digits, '.', '-', '_')"
    ),
    (["bgp", "peer", "add", "192.0.2.1", "65000"], "bgp peer add: expected 'as', not '65000'"),
    (["bgp", "peer", "add", "192.0.2.1", "as"], "bgp peer add: missing AS"),
    (
        ["bgp", "peer", "add", "192.0.2.1", "as", "65000", "--max-prefixes", "0"],
        "bgp peer add: '0' is not a prefix limit (a number from 1 to 4294967295)"
    ),
    (
        ["bgp", "peer", "add", "192.0.2.1", "as", "65000", "--max-prefixes=-5"],
        "bgp peer add: '-5' is not a prefix limit (a number from 1 to 4294967295)"
    ),
    (
        ["bgp", "peer", "add", "192.0.2.1", "as", "65000", "--max-prefixes", "4294967296"],
        "bgp peer add: '4294967296' is not a prefix limit (a number from 1 to 4294967295)"
    ),
    (
        ["bgp", "peer", "add", "192.0.2.1", "as", "65000", "--max-prefixes", "1e3"],
        "bgp peer add: '1e3' is not a prefix limit (a number from 1 to 4294967295)"
    ),
    (
        ["bgp", "peer", "add", "192.0.2.1", "as", "65000", "--max-prefixes"],
        "bgp peer add: option --max-prefixes needs a value"
    ),
    (
        ["bgp", "peer", "add", "192.0.2.1", "as", "65000", "--restart", "30"],
        "bgp peer add: --restart needs --max-prefixes"
    ),
    (
        ["bgp", "peer", "add", "192.0.2.1", "as", "65000", "--export", "everything"],
        "bgp peer add: 'everything' is not an export scope (pools or all)"
    ),
    (
        ["bgp", "peer", "add", "192.0.2.1", "as", "65000", "--export"],
        "bgp peer add: option --export needs a value"
    ),
    (
        ["bgp", "peer", "add", "192.0.2.1", "as", "65000", "--max-prefixes", "9", "--restart=0"],
        "bgp peer add: '0' is not a restart time in seconds (a number from 1 to 4294967295)"
    ),
    (
        ["bgp", "peer", "add", "192.0.2.1", "as", "65000", "--max-prefixes", "9", "--restart=-1"],
        "bgp peer add: '-1' is not a restart time in seconds (a number from 1 to 4294967295)"
    ),
    (["bgp", "node-mesh", "maybe"], "bgp node-mesh: 'maybe' is neither 'on' nor 'off'"),
    (["bgp", "default-node-as", "-1"], "bgp default-node-as: unknown option '-1'"),
    (["node", "set", "h1"], "node set: give --route-reflector, --no-route-reflector or --ip6"),
    (
        ["node", "set", "h1", "--route-reflector", "--no-route-reflector"],
        "node set: give --route-reflector or --no-route-reflector, not both"
    ),
    (
        ["node", "set", "h1", "--no-route-reflector", "--cluster-id", "1.2.3.4"],
        "node set: --cluster-id needs --route-reflector"
    ),
    (["node", "set", "--route-reflector"], "node set: missing NAME"),
    (
        ["node", "set", "h1", "--route-reflector", "--cluster-id"],
        "node set: option --cluster-id needs a value"
    ),
    (
        ["node", "set", "h1", "--route-reflector", "--cluster-id", "1.2.3"],
        "node set: '1.2.3' \(notAClusterID)"
    ),
    (
        ["node", "set", "h1", "--route-reflector", "--cluster-id", "4294967296"],
        "node set: '4294967296' \(notAClusterID)"
    ),
    (
        ["node", "set", "h1", "--route-reflector", "--cluster-id=0"],
        "node set: '0' \(notAClusterID)"
    ),
    (
        ["node", "set", "h1", "--route-reflector", "--cluster-id", "Default"],
        "node set: 'Default' \(notAClusterID)"
    ),
    (
        ["node", "set", "h1", "--route-reflector", "--cluster-id", "router-id"],
        "node set: 'router-id' \(notAClusterID)"
    ),
    (
        ["node", "set", "h1", "--no-route-reflector", "--cluster-id", "default"],
        "node set: --cluster-id needs --route-reflector"
    ),
    (["bgp", "listen-range"], "bgp listen-range: missing subcommand (add, remove, show)"),
    (
        ["bgp", "listen-range", "add", "10.1.0.0/33", "as", "64511"],
        "bgp listen-range add: '10.1.0.0/33' is not an IPv4 prefix"
    ),
    (
        ["bgp", "listen-range", "add", "10.1.2.1/16", "as", "64511"],
        "bgp listen-range add: '10.1.2.1/16' has host bits set; the network is 10.1.0.0/16"
    ),
    (
        ["bgp", "listen-range", "add", "10.1.0.0/16", "64511"],
        "bgp listen-range add: expected 'as', not '64511'"
    ),
    (
        ["bgp", "listen-range", "add", "10.1.0.0/16", "as", "0"],
        "bgp listen-range add: '0' is not an AS number (1 to 4294967295)"
    ),
    (
        ["bgp", "listen-range", "add", "10.1.0.0/16", "as", "64511", "--limit", "0"],
        "bgp listen-range add: '0' is not a peer limit (a number from 1)"
    ),
    (
        ["bgp", "listen-range", "add", "10.1.0.0/16", "as", "64511", "--limit", "-5"],
        "bgp listen-range add: '-5' is not a peer limit (a number from 1)"
    ),
    (["bgp", "listen-range", "remove"], "bgp listen-range remove: missing CIDR"),
    (["bgp", "listen-range", "show", "x"], "bgp listen-range show: unexpected argument 'x'"),
    (["container", "add", "c1"], "container add: missing --netns PATH"),
    (
        ["container", "add", "c1", "--netns", "/x", "--ip", "10.0.0.1", "--pool", "10.0.0.0/24"],
        "container add: give --ip or --pool for IPv4, not both"
    ),
    (["container", "c1", "ip", "frob"], "container ip: unknown subcommand 'frob' (add, remove)"),
    (["container", "c1", "ip", "add"], "container ip add: missing IP or --pool CIDR"),
    (
        ["pool", "add", "fd00::1/64"],
        "pool add: 'fd00::1/64' has host bits set; the network is fd00::/64"
    ),
    (["pool", "add", "fd00::/129"], "pool add: 'fd00::/129' is not an IPv6 prefix"),
    (["pool", "add", "fd00:c::/+64"], "pool add: 'fd00:c::/+64' is not an IPv6 prefix"),
    (["pool", "add", "fd00::/064"], "pool add: 'fd00::/064' is not an IPv6 prefix"),
    (["pool", "add", "10.70.0.0/024"], "pool add: '10.70.0.0/024' is not an IPv4 prefix"),
    (["pool", "add", "10.70.0.0/+8"], "pool add: '10.70.0.0/+8' is not an IPv4 prefix"),
    (
        ["node", "add", "n1", "--ip", "10.0.0.1", "--ip6", "fd00::1", "--ip6", "fd00::2"],
        "node add: option --ip6 given more than once"
    ),
    (
        ["bgp", "peer", "add", "192.0.2.1", "as", "65000", "--export", "all", "--export=pools"],
        "bgp peer add: option --export given more than once"
    ),
    (
        ["pool", "add", "fd00::/64", "--ipip"],
        "pool add: --ipip is for IPv4 pools; IP-in-IP carries only IPv4"
    ),
    (
        ["node", "add", "n1", "--ip", "10.0.0.1", "--ip6", "10.0.0.2"],
        "node add: '10.0.0.2' is not an IPv6 address"
    ),
    (["node", "set", "n1", "--ip6", "zz"], "node set: 'zz' is not an IPv6 address"),
    (["node", "set", "--ip6", "none"], "node set: missing NAME"),
    (
        ["node", "set", "n1", "--ip6", "fd00::1", "--route-reflector"],
        "node set: give --ip6 alone, without --route-reflector"
    ),
    (
        ["node", "set", "n1", "--ip6", "none", "--cluster-id", "1.2.3.4"],
        "node set: give --ip6 alone, without --cluster-id"
    ),
    (
        [
            "container", "add", "c1", "--netns", "/x", "--pool", "10.0.0.0/24", "--pool",
            "10.1.0.0/24",
        ],
        "container add: give --ip or --pool once per family (two IPv4 ones here)"
    ),
    (
        ["container", "add", "c1", "--netns", "/x", "--ip", "fd00::1", "--pool", "fd00::/64"],
        "container add: give --ip or --pool for IPv6, not both"
    ),
    (
        ["container", "add", "c1", "--netns", "/x", "--ip", "fd00::g"],
        "container add: 'fd00::g' is not an IPv6 address"
    ),
    (
        ["container", "c1", "ip", "add", "--pool", "10.0.0.0/24", "--pool", "fd00::/64"],
        "container ip add: give one IP or --pool CIDR"
    ),
    (
        ["container", "c1", "ip", "remove", "fd00::/64"],
        "container ip remove: 'fd00::/64' is not an IPv6 address"
    ),
]

@Test(arguments: badArguments)
func badArgumentsGiveOneLineAndStatusTwo(arguments: [String], message: String) throws {
    let file = TemporaryStoreFile()
    let outcome = try run(arguments, store: file.path)
    #expect(outcome.status == 2)
    #expect(outcome.errors == "brindlectl: \(message)\n")
    #expect(outcome.output.isEmpty)
}

@Test func storeRefusalGivesOneLineAndStatusOne() throws {
    let file = TemporaryStoreFile()
    let missing = try run(["pool", "show"], store: file.path)
    #expect(missing.status == 1)
    #expect(missing.errors.hasSuffix("does not exist (adding a pool or a node creates it)\n"))
    #expect(!FileManager.default.fileExists(atPath: file.path))

    #expect(try run(["pool", "add", "10.9.0.0/24"], store: file.path).status == 0)
    let outcome = try run(["pool", "remove", "10.0.0.0/24"], store: file.path)
    #expect(outcome.status == 1)
    #expect(outcome.errors == "brindlectl: pool remove: pool 10.0.0.0/24 does not exist\n")

    try Data("not a database, not at all".utf8).write(to: URL(fileURLWithPath: file.path))
    let broken = try run(["pool", "show"], store: file.path)
    #expect(broken.status == 1)
    #expect(broken.errors.hasPrefix("brindlectl: pool show: \(file.path) is not a brindle store"))
    #expect(broken.errors.filter { $0 == "\n" }.count == 1)
}

@Test func helpGoesToStandardOutput() throws {
    let file = TemporaryStoreFile()
    let outcome = try run(["bgp", "peer", "add", "--help"], store: file.path)
    #expect(outcome.status == 0)
    #expect(outcome.output.contains("brindlectl bgp peer add IP as AS [--node NAME]"))
    #expect(outcome.errors.isEmpty)
}

@Test func peerPrefixLimitIsAddedAndShown() throws {
    let file = TemporaryStoreFile()
    let limited = ["bgp", "peer", "add", "192.0.2.1", "as", "65000", "--max-prefixes", "100"]
    let added = try run(limited + ["--restart", "30"], store: file.path)
    #expect(added.status == 0)
    #expect(
        added.output
            == "added bgp peer 192.0.2.1 as 65000 (global, max 100 prefixes, restart after 30 s)\n")
    let passive = ["bgp", "peer", "add", "192.0.2.2", "as", "65001", "--passive"]
    #expect(try run(passive + ["--max-prefixes=5"], store: file.path).status == 0)
    let unlimited = ["bgp", "peer", "add", "192.0.2.3", "as", "65002", "--export", "all"]
    let exporting = try run(unlimited, store: file.path)
    #expect(
        exporting.output == "added bgp peer 192.0.2.3 as 65002 (global, exporting every route)\n")

    let table = try run(["bgp", "peer", "show"], store: file.path).output
    let lines = table.split(separator: "\n").map { $0.split(separator: " ").joined(separator: " ") }
    #expect(
        lines == [
            "ADDRESS AS SCOPE PASSIVE MAX-PREFIXES EXPORT",
            "192.0.2.1 65000 global no max 100 prefixes, restart after 30 s pools",
            "192.0.2.2 65001 global yes max 5 prefixes pools", "192.0.2.3 65002 global no - all",
        ])

    let json = try run(["bgp", "peer", "show", "--json"], store: file.path).output
    let restarting = try jsonObject(json, "address", "192.0.2.1")
    #expect(
        restarting["maxPrefixes"] as? Int == 100 && restarting["maxPrefixRestart"] as? Int == 30)
    let stayingDown = try jsonObject(json, "address", "192.0.2.2")
    #expect(stayingDown["maxPrefixes"] as? Int == 5 && stayingDown["maxPrefixRestart"] is NSNull)
    #expect(try jsonObject(json, "address", "192.0.2.3")["maxPrefixes"] is NSNull)
    #expect(try jsonObject(json, "address", "192.0.2.3")["export"] as? String == "all")
    #expect(stayingDown["export"] as? String == "pools")
}

@Test func settingsRoundTrip() throws {
    let file = TemporaryStoreFile()
    #expect(try run(["pool", "add", "10.9.0.0/24"], store: file.path).status == 0)
    #expect(try run(["bgp", "node-mesh"], store: file.path).output == "on\n")
    let off = try run(["bgp", "node-mesh", "off"], store: file.path)
    #expect(off.status == 0 && off.output == "node mesh off\n")
    #expect(try run(["bgp", "node-mesh"], store: file.path).output == "off\n")
    #expect(try run(["bgp", "default-node-as", "65100"], store: file.path).status == 0)
    #expect(try run(["bgp", "default-node-as"], store: file.path).output == "65100\n")
}

/// The one object of a `show --json` list that has `key` equal to `value`.
private func jsonObject(_ text: String, _ key: String, _ value: String) throws -> [String: Any] {
    let list = try #require(
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
    return try #require(list.first { $0[key] as? String == value })
}

@Test func routeReflectorIsSetShownAndCleared() throws {
    let file = TemporaryStoreFile()
    #expect(try run(["node", "add", "host-r1", "--ip", "10.0.0.1"], store: file.path).status == 0)
    #expect(try run(["node", "add", "h2", "--ip", "10.0.0.2"], store: file.path).status == 0)
    let set = try run(["node", "set", "host-r1", "--route-reflector"], store: file.path)
    #expect(set.status == 0)
    #expect(set.output == "node host-r1 is a route reflector (cluster id 10.0.0.1)\n")
    #expect(
        set.errors
            == "brindlectl: note: node host-r1 reflects routes only once the node mesh is off"
            + " ('bgp node-mesh off')\n")
    let own = try run(
        ["node", "set", "h2", "--route-reflector", "--cluster-id", "167772671"], store: file.path)
    #expect(own.output == "node h2 is a route reflector (cluster id 10.0.1.255)\n")

    let table = try run(["node", "show"], store: file.path).output
    #expect(table.contains("ROLE       CLUSTER-ID  IP6\n"))
    #expect(table.contains("h2       10.0.0.2  64511 (default)  reflector  10.0.1.255  -\n"))
    let json = try run(["node", "show", "--json"], store: file.path).output
    #expect(try jsonObject(json, "name", "host-r1")["routeReflector"] as? Bool == true)
    #expect(try jsonObject(json, "name", "host-r1")["clusterID"] as? String == "10.0.0.1")

    let cleared = try run(["node", "set", "host-r1", "--no-route-reflector"], store: file.path)
    #expect(cleared.output == "node host-r1 is no longer a route reflector\n")
    #expect(cleared.errors.isEmpty)
    let after = try run(["node", "show"], store: file.path).output
    #expect(after.contains("host-r1  10.0.0.1  64511 (default)  -          -           -\n"))
    let plain = try jsonObject(
        try run(["node", "show", "--json"], store: file.path).output, "name", "host-r1")
    #expect(plain["routeReflector"] as? Bool == false && plain["clusterID"] is NSNull)
}

@Test func routeReflectorOfAnUnknownNodeIsRefused() throws {
    let file = TemporaryStoreFile()
    #expect(try run(["node", "add", "h1", "--ip", "10.0.0.1"], store: file.path).status == 0)
    let outcome = try run(["node", "set", "h9", "--route-reflector"], store: file.path)
    #expect(outcome.status == 1)
    #expect(
        outcome.errors == "brindlectl: node set: node h9 does not exist; add it with 'node add'\n")
}

@Test func listenRangesAreAddedShownAndRemoved() throws {
    let file = TemporaryStoreFile()
    let added = try run(
        ["bgp", "listen-range", "add", "10.1.0.0/16", "as", "64511"], store: file.path)
    #expect(added.output == "added listen range 10.1.0.0/16 as 64511 (limit 1000, the default)\n")
    let limited = try run(
        ["bgp", "listen-range", "add", "10.2.0.0/24", "as", "65000", "--limit", "5"],
        store: file.path)
    #expect(limited.output == "added listen range 10.2.0.0/24 as 65000 (limit 5)\n")

    let table = try run(["bgp", "listen-range", "show"], store: file.path).output
    #expect(
        table == "RANGE        AS     LIMIT\n10.1.0.0/16  64511  1000 (default)\n"
            + "10.2.0.0/24  65000  5\n")
    let json = try run(["bgp", "listen-range", "show", "--json"], store: file.path).output
    let hosts = try jsonObject(json, "range", "10.1.0.0/16")
    #expect(hosts["limit"] is NSNull && hosts["effectiveLimit"] as? Int == 1000)
    #expect(hosts["asNumber"] as? Int == 64511)
    #expect(try jsonObject(json, "range", "10.2.0.0/24")["limit"] as? Int == 5)

    let removed = try run(["bgp", "listen-range", "remove", "10.2.0.0/24"], store: file.path)
    #expect(removed.output == "removed listen range 10.2.0.0/24\n")
    #expect(!(try run(["bgp", "listen-range", "show"], store: file.path).output.contains("10.2")))
}

@Test func listenRangeRefusalsGiveOneLineAndStatusOne() throws {
    let file = TemporaryStoreFile()
    let range = ["bgp", "listen-range", "add", "10.1.0.0/16", "as", "64511"]
    #expect(try run(range, store: file.path).status == 0)
    #expect(try run(["pool", "add", "10.65.0.0/24"], store: file.path).status == 0)
    let refusals: [([String], String)] = [
        (range, "bgp listen-range add: listen range 10.1.0.0/16 exists already"),
        (
            ["bgp", "listen-range", "add", "10.1.128.0/17", "as", "65000"],
            "bgp listen-range add: listen range 10.1.128.0/17 overlaps listen range 10.1.0.0/16"
        ),
        (
            ["bgp", "listen-range", "remove", "10.9.0.0/16"],
            "bgp listen-range remove: listen range 10.9.0.0/16 does not exist"
        ),
        (
            ["bgp", "listen-range", "add", "10.64.0.0/12", "as", "64511"],
            "bgp listen-range add: listen range 10.64.0.0/12 overlaps pool 10.65.0.0/24, which"
                + " is for container addresses"
        ),
        (
            ["pool", "add", "10.1.7.0/24"],
            "pool add: pool 10.1.7.0/24 overlaps listen range 10.1.0.0/16, which is for BGP"
                + " speakers"
        ),
    ]
    for (arguments, message) in refusals {
        let outcome = try run(arguments, store: file.path)
        #expect(outcome.status == 1)
        #expect(outcome.errors == "brindlectl: \(message)\n")
    }
}

@Test func helpListsTheRouteReflectionCommands() throws {
    let file = TemporaryStoreFile()
    let node = try run(["node", "--help"], store: file.path).output
    #expect(
        node.contains("brindlectl node set NAME --route-reflector [--cluster-id ID|default]\n"))
    #expect(node.contains("brindlectl node set NAME --no-route-reflector\n"))
    let bgp = try run(["bgp", "--help"], store: file.path).output
    #expect(bgp.contains("brindlectl bgp listen-range add CIDR as AS [--limit N]\n"))
    #expect(bgp.contains("brindlectl bgp listen-range remove CIDR\n"))
    #expect(bgp.contains("brindlectl bgp listen-range show [--json]\n"))
}

@Test func helpTellsDefaultsAndTheWayBack() throws {
    let file = TemporaryStoreFile()
    let add = try run(["bgp", "listen-range", "add", "--help"], store: file.path)
    #expect(add.status == 0 && add.errors.isEmpty)
    #expect(
        add.output.hasPrefix(
            "accept neighbours of one AS from a range, at most N at once (default 1000);"
                + " not over a pool\n"))
    let set = try run(["node", "set", "--help"], store: file.path).output
    #expect(set.contains("a reflector keeps its cluster id unless --cluster-id gives one"))
    #expect(set.contains("--cluster-id default goes back to its router id"))
}

@Test func nodeMeshOffWarnsOnlyWithoutAReflector() throws {
    let file = TemporaryStoreFile()
    #expect(try run(["node", "add", "h1", "--ip", "10.0.0.1"], store: file.path).status == 0)
    let off = try run(["bgp", "node-mesh", "off"], store: file.path)
    #expect(off.status == 0 && off.output == "node mesh off\n")
    #expect(
        off.errors
            == "brindlectl: warning: no node is a route reflector, so nodes will keep only"
            + " their configured BGP peers\n")
    #expect(try run(["bgp", "node-mesh"], store: file.path).output == "off\n")
    #expect(try run(["bgp", "node-mesh", "on"], store: file.path).errors.isEmpty)

    #expect(try run(["node", "set", "h1", "--route-reflector"], store: file.path).status == 0)
    let withReflector = try run(["bgp", "node-mesh", "off"], store: file.path)
    #expect(withReflector.status == 0 && withReflector.errors.isEmpty)
    // The mesh is off now, so a new reflector gets no note.
    let quiet = try run(["node", "set", "h1", "--route-reflector"], store: file.path)
    #expect(quiet.status == 0 && quiet.errors.isEmpty)
}

@Test func removingTheLastReflectorWithTheMeshOffWarns() throws {
    let file = TemporaryStoreFile()
    for (name, address) in [("r1", "10.0.0.1"), ("r2", "10.0.0.2"), ("h3", "10.0.0.3")] {
        #expect(try run(["node", "add", name, "--ip", address], store: file.path).status == 0)
    }
    #expect(try run(["node", "set", "r1", "--route-reflector"], store: file.path).status == 0)
    #expect(try run(["node", "set", "r2", "--route-reflector"], store: file.path).status == 0)
    #expect(try run(["bgp", "node-mesh", "off"], store: file.path).errors.isEmpty)

    let first = try run(["node", "set", "r1", "--no-route-reflector"], store: file.path)
    #expect(first.status == 0 && first.errors.isEmpty)
    let last = try run(["node", "set", "r2", "--no-route-reflector"], store: file.path)
    #expect(last.status == 0 && last.output == "node r2 is no longer a route reflector\n")
    #expect(
        last.errors
            == "brindlectl: warning: node r2 was the last route reflector and the node mesh is"
            + " off, so the nodes lose every iBGP route and keep only their configured BGP"
            + " peers\n")
    // h3 never was a reflector: nothing changes, so nothing new to warn about.
    let never = try run(["node", "set", "h3", "--no-route-reflector"], store: file.path)
    #expect(never.status == 0 && never.errors.isEmpty)

    #expect(try run(["bgp", "node-mesh", "on"], store: file.path).status == 0)
    #expect(try run(["node", "set", "r1", "--route-reflector"], store: file.path).status == 0)
    let meshOn = try run(["node", "set", "r1", "--no-route-reflector"], store: file.path)
    #expect(meshOn.status == 0 && meshOn.errors.isEmpty)
}

@Test func repeatedRouteReflectorCommandKeepsTheClusterID() throws {
    let file = TemporaryStoreFile()
    #expect(try run(["node", "add", "r1", "--ip", "10.0.0.1"], store: file.path).status == 0)
    let reflector = ["node", "set", "r1", "--route-reflector"]
    let own = try run(reflector + ["--cluster-id", "10.0.0.250"], store: file.path)
    #expect(own.output == "node r1 is a route reflector (cluster id 10.0.0.250)\n")

    let again = try run(reflector, store: file.path)
    #expect(again.status == 0)
    #expect(again.output == "node r1 is a route reflector (cluster id 10.0.0.250)\n")
    let kept = try run(["node", "show", "--json"], store: file.path).output
    #expect(try jsonObject(kept, "name", "r1")["clusterID"] as? String == "10.0.0.250")

    let reset = try run(reflector + ["--cluster-id=default"], store: file.path)
    #expect(reset.output == "node r1 is a route reflector (cluster id 10.0.0.1)\n")
    let table = try run(["node", "show"], store: file.path).output
    #expect(table.contains("r1    10.0.0.1  64511 (default)  reflector  10.0.0.1    -\n"))
    #expect(try run(reflector, store: file.path).output.hasSuffix("(cluster id 10.0.0.1)\n"))
}

@Test(.enabled(if: getuid() == 0, "needs root for network namespaces"))
func containerPlumbingInNamespaces() throws {
    let host = "brlth\(getpid())"
    let guest = "brltc\(getpid())"
    defer {
        _ = try? ip("netns", "del", host)
        _ = try? ip("netns", "del", guest)
    }
    for setup in [
        ["netns", "add", host], ["netns", "add", guest],
        ["-n", host, "link", "set", "lo", "up"],
        ["-n", host, "address", "add", "10.99.0.1/32", "dev", "lo"],
        // An uplink with the default route, so proxy ARP has a route to answer for.
        ["-n", host, "link", "add", "up0", "type", "veth", "peer", "name", "up1"],
        ["-n", host, "link", "set", "up0", "up"], ["-n", host, "link", "set", "up1", "up"],
        ["-n", host, "route", "add", "default", "dev", "up0"],
    ] {
        let process = try Process.run(
            URL(fileURLWithPath: "/usr/bin/env"), arguments: ["ip"] + setup)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "ip \(setup)")
    }

    let file = TemporaryStoreFile()
    let inHost = ["ip", "netns", "exec", host]
    let netns = "/run/netns/\(guest)"
    #expect(try run(["node", "add", "n1", "--ip", "10.99.0.1"], store: file.path).status == 0)
    #expect(try run(["pool", "add", "10.98.0.0/30"], store: file.path).status == 0)
    let added = try run(
        ["container", "add", "c1", "--netns", netns], store: file.path, wrapper: inHost)
    #expect(added.status == 0, "\(added.errors)")

    #expect(
        try ip("-n", guest, "-4", "-o", "address", "show", "dev", "eth0").output
            .contains("10.98.0.0/32"))
    #expect(try ip("-n", guest, "route").output.contains("default via 169.254.1.1 dev eth0"))
    let hostRoutes = try ip("-n", host, "route", "show", "proto", "150").output
    #expect(hostRoutes.contains("10.98.0.0 dev brl"))
    let ping = Process()
    ping.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    ping.arguments = ["ip", "netns", "exec", guest, "ping", "-c", "1", "-W", "2", "10.99.0.1"]
    ping.standardOutput = FileHandle.nullDevice
    try ping.run()
    ping.waitUntilExit()
    #expect(ping.terminationStatus == 0, "container reaches the host through 169.254.1.1")

    // A second container in the same namespace fails (eth0 exists) and leaves nothing.
    let clash = try run(
        ["container", "add", "c2", "--netns", netns], store: file.path, wrapper: inHost)
    #expect(clash.status == 1 && clash.errors.filter { $0 == "\n" }.count == 1)
    let shown = try run(["container", "show", "--json"], store: file.path).output
    #expect(shown.contains("\"c1\"") && !shown.contains("\"c2\""))

    let removed = try run(["container", "remove", "c1"], store: file.path, wrapper: inHost)
    #expect(removed.status == 0, "\(removed.errors)")
    #expect(!(try ip("-n", host, "link").output.contains("brl")))
    #expect(!(try ip("-n", guest, "link").output.contains("eth0")))
    #expect(try run(["pool", "remove", "10.98.0.0/30"], store: file.path).status == 0)
}

@Test func ipv6PoolsAndNodeAddressesAreAddedAndShown() throws {
    let file = TemporaryStoreFile()
    #expect(try run(["pool", "add", "10.0.0.0/24"], store: file.path).status == 0)
    let added = try run(["pool", "add", "fd00:65::/64", "--nat-outgoing"], store: file.path)
    #expect(added.output == "added pool fd00:65::/64\n")
    let pools = try run(["pool", "show"], store: file.path).output
    #expect(pools.contains("fd00:65::/64  false  true          false     0/2^64\n"))
    #expect(pools.contains("10.0.0.0/24   false  false         false     0/256\n"))
    let refused = try run(["pool", "add", "fe80::/64"], store: file.path)
    #expect(refused.status == 1)
    #expect(
        refused.errors
            == "brindlectl: pool add: pool fe80::/64 cannot hold containers: fe80:: is a"
            + " link-local address (fe80::/10)\n")

    let node = ["node", "add", "h1", "--ip", "10.9.0.1", "--ip6", "2001:db8::1"]
    #expect(try run(node, store: file.path).status == 0)
    #expect(try run(["node", "add", "h2", "--ip", "10.9.0.2"], store: file.path).status == 0)
    let table = try run(["node", "show"], store: file.path).output
    #expect(table.contains("h1    10.9.0.1  64511 (default)  -     -           2001:db8::1\n"))
    let json = try run(["node", "show", "--json"], store: file.path).output
    #expect(try jsonObject(json, "name", "h1")["ipv6Address"] as? String == "2001:db8::1")
    #expect(try jsonObject(json, "name", "h2")["ipv6Address"] is NSNull)

    let taken = try run(["node", "set", "h2", "--ip6", "2001:db8::1"], store: file.path)
    #expect(taken.status == 1)
    #expect(taken.errors == "brindlectl: node set: address 2001:db8::1 is node h1's\n")
    let cleared = try run(["node", "set", "h1", "--ip6", "none"], store: file.path)
    #expect(cleared.output == "node h1 has no IPv6 address\n")
    let set = try run(["node", "set", "h2", "--ip6=2001:db8::1"], store: file.path)
    #expect(set.output == "node h2 has IPv6 address 2001:db8::1\n")
    #expect(try run(["pool", "remove", "fd00:65::/64"], store: file.path).status == 0)
    #expect(!(try run(["pool", "show"], store: file.path).output.contains("fd00")))
}

@Test(.enabled(if: getuid() == 0, "needs root for network namespaces"))
func ipv6ContainerPlumbingInNamespaces() throws {
    let host = "brlth6\(getpid())"
    let guest = "brltc6\(getpid())"
    defer {
        _ = try? ip("netns", "del", host)
        _ = try? ip("netns", "del", guest)
    }
    for setup in [
        ["netns", "add", host], ["netns", "add", guest],
        ["-n", host, "link", "set", "lo", "up"],
        ["-n", host, "address", "add", "10.99.0.1/32", "dev", "lo"],
        ["-n", host, "-6", "address", "add", "fd99::1/128", "dev", "lo"],
    ] {
        let process = try Process.run(
            URL(fileURLWithPath: "/usr/bin/env"), arguments: ["ip"] + setup)
        process.waitUntilExit()
        try #require(process.terminationStatus == 0, "ip \(setup)")
    }

    let file = TemporaryStoreFile()
    let inHost = ["ip", "netns", "exec", host]
    let netns = "/run/netns/\(guest)"
    let node = ["node", "add", "n1", "--ip", "10.99.0.1", "--ip6", "fd99::1"]
    #expect(try run(node, store: file.path).status == 0)
    #expect(try run(["pool", "add", "10.98.0.0/30"], store: file.path).status == 0)
    #expect(try run(["pool", "add", "fd98::/126"], store: file.path).status == 0)

    // Without options the container is dual stack.
    let added = try run(
        ["container", "add", "c1", "--netns", netns], store: file.path, wrapper: inHost)
    #expect(added.status == 0, "\(added.errors)")
    #expect(added.output.hasPrefix("added container c1 with addresses 10.98.0.0 fd98:: on brl"))
    try expectIPv6Plumbing(host: host, guest: guest, address: "fd98::")
    let more = try run(
        ["container", "c1", "ip", "add", "fd98::3"], store: file.path, wrapper: inHost)
    #expect(more.status == 0, "\(more.errors)")
    #expect(
        try ip("-n", host, "-6", "route", "show", "proto", "150").output.contains("fd98::3 dev brl")
    )
    let shown = try run(["container", "show"], store: file.path).output
    #expect(shown.contains("10.98.0.0,fd98::,fd98::3"))
    let less = try run(
        ["container", "c1", "ip", "remove", "fd98::3"], store: file.path, wrapper: inHost)
    #expect(less.status == 0, "\(less.errors)")
    #expect(!(try ip("-n", host, "-6", "route").output.contains("fd98::3")))
    #expect(!(try ip("-n", guest, "-6", "address").output.contains("fd98::3")))
    #expect(try run(["container", "remove", "c1"], store: file.path, wrapper: inHost).status == 0)

    // An IPv4-only container that gets its first IPv6 address later gets the gateway then.
    let ipv4Only = ["container", "add", "c1", "--netns", netns, "--pool", "10.98.0.0/30"]
    #expect(try run(ipv4Only, store: file.path, wrapper: inHost).status == 0)
    #expect(!(try ip("-n", guest, "-6", "route").output.contains("default")))
    let later = try run(
        ["container", "c1", "ip", "add", "--pool", "fd98::/126"], store: file.path,
        wrapper: inHost)
    #expect(later.output == "added address fd98:: to container c1\n", "\(later.errors)")
    try expectIPv6Plumbing(host: host, guest: guest, address: "fd98::")

    #expect(try run(["container", "remove", "c1"], store: file.path, wrapper: inHost).status == 0)
    #expect(!(try ip("-n", host, "link").output.contains("brl")))
    #expect(!(try ip("-n", host, "-6", "route").output.contains("fd98")))
}

/// Checks a container's IPv6 plumbing: the /128 inside, the default route through
/// fe80::1, the host route with Brindle's protocol, and a ping from the container to the
/// host's own IPv6 address.
private func expectIPv6Plumbing(host: String, guest: String, address: String) throws {
    #expect(
        try ip("-n", guest, "-6", "-o", "address", "show", "dev", "eth0").output
            .contains("\(address)/128"))
    #expect(try ip("-n", guest, "-6", "route").output.contains("default via fe80::1 dev eth0"))
    let hostRoutes = try ip("-n", host, "-6", "route", "show", "proto", "150").output
    #expect(hostRoutes.contains("\(address) dev brl"))
    #expect(try ip("-n", host, "-6", "address").output.contains("fe80::1/64"))

    let ping = Process()
    ping.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    ping.arguments = ["ip", "netns", "exec", guest, "ping", "-6", "-c", "1", "-W", "3", "fd99::1"]
    ping.standardOutput = FileHandle.nullDevice
    try ping.run()
    ping.waitUntilExit()
    #expect(ping.terminationStatus == 0, "container reaches the host through fe80::1")
}
