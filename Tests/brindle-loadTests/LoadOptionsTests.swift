import BGPWire
import Testing

@testable import brindle_load

/// The command line of brindle-load.
@Suite struct LoadOptionsTests {
    static let required = [
        "--reflector", "10.210.0.1", "--as", "64511", "--clients", "2000", "--routes", "20",
        "--first-client", "10.210.1.0", "--prefix-base", "10.212.0.0", "--cluster-id", "1.2.3.4",
    ]

    @Test func parsesTheRequiredOptionsWithDefaults() throws {
        let options = try LoadOptions(Self.required)
        #expect(options.reflector == IPv4Address(10, 210, 0, 1))
        #expect(options.port == 179)
        #expect(options.autonomousSystem == 64511)
        #expect(options.clientCount == 2000)
        #expect(options.routesPerClient == 20)
        #expect(options.firstClient == IPv4Address(10, 210, 1, 0))
        #expect(options.prefixBase == IPv4Address(10, 212, 0, 0))
        #expect(options.clusterID == IPv4Address(1, 2, 3, 4))
        #expect(options.batch == 8 && options.holdTime == 90 && options.timeout == 120)
        #expect(!options.json && options.daemonPID == nil && options.linger == 0)
    }

    @Test func parsesThePortAndTheOptionalOptions() throws {
        var words = Self.required
        words[1] = "10.210.0.1:1179"
        words += ["--timeout", "30", "--batch", "8", "--hold-time", "9", "--pid", "42", "--json"]
        words += ["--linger", "2.5"]
        let options = try LoadOptions(words)
        #expect(options.linger == 2.5)
        #expect(options.port == 1179)
        #expect(options.timeout == 30 && options.batch == 8 && options.holdTime == 9)
        #expect(options.daemonPID == 42 && options.json)
    }

    static let mistakes: [(words: [String], message: String)] = [
        (Array(required.dropLast(2)), "--cluster-id is required (see --help)"),
        (required + ["--hold-time", "2"], "--hold-time: '2' is not 0 or 3 to 65535"),
        (required + ["--timeout"], "--timeout needs a value"),
        (required + ["extra"], "unexpected argument 'extra' (see --help)"),
        (replacing(required, "--clients", with: "1"), "--clients: '1' is not a count above 1"),
        (
            replacing(required, "--reflector", with: "10.0.0.1:0"),
            "--reflector: '10.0.0.1:0' is not ADDRESS[:PORT]"
        ),
        (
            replacing(required, "--prefix-base", with: "10.210.1.10"),
            "the client addresses and the announced prefixes overlap"
        ),
        (replacing(required, "--prefix-base", with: "255.255.255.0"), "the prefixes leave IPv4"),
        (
            replacing(required, "--reflector", with: "10.210.1.5"),
            "the reflector's address is among the client addresses"
        ),
    ]

    @Test(arguments: mistakes) func rejects(words: [String], message: String) {
        #expect(throws: UsageError(message)) { try LoadOptions(words) }
    }

    static func replacing(_ words: [String], _ option: String, with value: String) -> [String] {
        var copy = words
        guard let index = copy.firstIndex(of: option) else { return copy }
        copy[index + 1] = value
        return copy
    }
}
