import BGPWire
import Testing

@testable import Daemon

@Suite struct ArgumentListTests {
    @Test func defaultsNeedOnlyTheNode() throws {
        var arguments = ArgumentList(["--node", "h1"])
        let configuration = try arguments.parseDaemonConfiguration()
        #expect(configuration.node == "h1")
        #expect(configuration.storePath == "/var/lib/brindle/store.db")
        #expect(configuration.port == 179)
        #expect(configuration.holdTime == 90)
        #expect(configuration.kernelProtocol == 150)
        #expect(configuration.effectivePidFilePath == "/var/lib/brindle/store.db.h1.pid")
    }

    @Test func theEnvironmentNamesStoreAndSocketAndOptionsWin() throws {
        let environment = ["BRINDLE_STORE": "/env/s.db", "BRINDLE_CONTROL": "/env/c"]
        var fromEnvironment = ArgumentList(["--node", "h1"])
        let configuration = try fromEnvironment.parseDaemonConfiguration(environment: environment)
        #expect(configuration.storePath == "/env/s.db")
        #expect(configuration.controlPath == "/env/c")

        var overridden = ArgumentList(["--node", "h1", "--store", "/arg/s.db"])
        let explicit = try overridden.parseDaemonConfiguration(environment: environment)
        #expect(explicit.storePath == "/arg/s.db")
        #expect(explicit.installsLearnedRoutes)
    }

    @Test func everyOptionIsRead() throws {
        var arguments = ArgumentList([
            "--node", "h2", "--store", "/tmp/s.db", "--control", "/tmp/c", "--log-level",
            "debug", "--trace-packets", "--listen", "127.0.0.2", "--port", "1790",
            "--kernel-protocol", "77", "--hold-time", "0", "--connect-retry", "0.5",
            "--no-kernel-routes",
        ])
        let configuration = try arguments.parseDaemonConfiguration()
        #expect(!configuration.installsLearnedRoutes)
        #expect(configuration.storePath == "/tmp/s.db")
        #expect(configuration.controlPath == "/tmp/c")
        #expect(configuration.logLevel == .debug)
        #expect(configuration.tracePackets)
        #expect(configuration.listenAddress == IPv4Address(127, 0, 0, 2))
        #expect(configuration.port == 1790)
        #expect(configuration.kernelProtocol == 77)
        #expect(configuration.holdTime == 0)
        #expect(configuration.connectRetryTime == 0.5)
    }

    @Test(arguments: [
        (["--store", "x"], "--node NAME is required"),
        (["--bogus", "--store", "x"], "unexpected argument '--bogus' (see --help)"),
        (["--node"], "--node needs a value"),
        (["--node", "h1", "--hold-time", "2"], "--hold-time: '2' is not 0 or 3-65535 seconds"),
        (["--node", "h1", "--port", "70000"], "--port: '70000' is not a port number 1-65535"),
        (["--node", "h1", "--port", "0"], "--port: '0' is not a port number 1-65535"),
        (["--node", "h1", "--listen", "10.0.0"], "--listen: '10.0.0' is not an IPv4 address"),
        (["--node", "h1", "--log-level", "loud"], "--log-level: 'loud' is not a log level"),
        (["--node", "h1", "extra"], "unexpected argument 'extra' (see --help)"),
        (
            ["--node", "h1", "--kernel-protocol", "0"],
            "--kernel-protocol: '0' is not a protocol number 1-255"
        ),
    ])
    func mistakesGetOneLine(arguments: [String], message: String) {
        var list = ArgumentList(arguments)
        #expect(throws: ArgumentError(message)) { try list.parseDaemonConfiguration() }
    }
}

extension ArgumentError: Equatable {
    public static func == (lhs: ArgumentError, rhs: ArgumentError) -> Bool {
        lhs.message == rhs.message
    }
}
