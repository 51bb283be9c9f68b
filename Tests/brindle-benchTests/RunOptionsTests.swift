import BGPWire
import EventLoop
import Testing

@testable import brindle_bench

/// The command lines of `run` and `direct`.
@Suite struct RunOptionsTests {
    static let run = [
        "--target", "10.0.0.1", "--daemon-as", "64511", "--sender", "10.0.0.2", "--sender",
        "10.0.0.3", "--sender-as", "65001", "--monitor", "10.0.0.9", "--monitor-as", "65100",
        "--table", "synthetic:1000:5",
    ]

    @Test func parsesARunWithTheDefaults() throws {
        let options = try RunOptions(mode: .daemon, Self.run)
        #expect(
            options.target == SocketAddress(address: IPv4Address(10, 0, 0, 1).rawValue, port: 179))
        #expect(options.senders == [IPv4Address(10, 0, 0, 2), IPv4Address(10, 0, 0, 3)])
        #expect(options.monitor == IPv4Address(10, 0, 0, 9) && options.monitorAS == 65100)
        #expect(options.table == .synthetic(count: 1000, seed: 5))
        #expect(options.holdTime == 90 && options.timeout == 120 && options.overlap == 0)
        #expect(options.perSender == nil && options.expect == nil && options.pid == nil)
        #expect(options.nextHop(ofSender: 1) == IPv4Address(10, 0, 0, 3))
    }

    @Test func parsesTheOptionalOptions() throws {
        var words = Self.run + ["--overlap", "50", "--per-sender", "100", "--next-hop-self"]
        words += ["--expect", "900", "--timeout", "30", "--hold-time", "9", "--pid", "42"]
        words += ["--hold-until", "/tmp/release"]
        words[1] = "10.0.0.1:1179"
        let options = try RunOptions(mode: .daemon, words)
        #expect(options.target?.port == 1179 && options.overlap == 50 && options.perSender == 100)
        #expect(options.nextHopSelf && options.expect == 900 && options.timeout == 30)
        #expect(options.holdTime == 9 && options.pid == 42 && options.holdUntil == "/tmp/release")
    }

    @Test func directPlaysFromLoopbackWithBenchmarkingNextHops() throws {
        let options = try RunOptions(mode: .direct, ["--table", "mrt:/x", "--senders", "3"])
        #expect(options.senders.last == IPv4Address(127, 1, 0, 3))
        #expect(options.nextHop(ofSender: 2) == IPv4Address(198, 18, 0, 3))
        #expect(options.table == .mrt(path: "/x"))
    }

    @Test(arguments: [
        (["--target"], "--target needs a value"),
        (
            ["--table", "synthetic:0"],
            "--table: 'synthetic:0' is not synthetic:N[:SEED], mrt:PATH or prefixes:PATH"
        ),
        (["--sender", "10.0.0.300"], "--sender: '10.0.0.300' is not an IPv4 address"),
        (["--overlap", "101"], "--overlap: '101' is not a percentage"),
        (["--hold-time", "2"], "--hold-time: '2' is not 0 or 3 to 65535"),
        (["--bogus"], "unexpected argument '--bogus'"),
    ])
    func refusesABadRunCommandLine(_ change: [String], _ message: String) {
        var words = Self.run
        if let index = words.firstIndex(of: change[0]), change.count == 2 {
            words[index + 1] = change[1]
        } else if let index = words.firstIndex(of: change[0]) {
            words.removeSubrange(index...index + 1)
            words.append(change[0])
        } else {
            words += change
        }
        #expect(throws: UsageError(message)) { try RunOptions(mode: .daemon, words) }
    }

    @Test(arguments: ["--target", "--daemon-as", "--sender", "--monitor", "--table"])
    func requiresTheRunOptions(_ name: String) {
        var words = Self.run
        while let index = words.firstIndex(of: name) { words.removeSubrange(index...index + 1) }
        #expect(throws: UsageError("\(name) is required")) { try RunOptions(mode: .daemon, words) }
    }

    @Test func refusesRunOptionsInDirect() {
        #expect(throws: UsageError("unexpected argument '--target'")) {
            try RunOptions(mode: .direct, ["--table", "synthetic:5", "--target", "10.0.0.1"])
        }
    }

    @Test(arguments: [
        ["frobnicate"], ["decode", "--seconds", "0"], ["kernel-watch"], ["insert", "--count", "5"],
        ["table", "--table", "x:y"], [],
    ])
    func exitsWithTwoOnAUsageError(_ words: [String]) {
        #expect(Command.main(words) == 2)
    }
}
