import BGPWire
import EventLoop
import Glibc
import Testing

@testable import brindle_load

/// Whole runs of brindle-load against a fake reflector on 10.209.0.1, the clients bound
/// to 10.209.1.0 and up, in a namespace of their own (so only as root).
@Suite(.enabled(if: getuid() == 0, "needs root for a network namespace"))
struct LoadRunTests {
    static let clusterID = IPv4Address(1, 2, 3, 4)

    static func run(
        timeout: Double = 10, _ reflect: @escaping FakeReflector.Reflect
    ) throws -> LoadReport {
        let namespace = try LoopbackNamespace()
        defer { namespace.remove() }
        return try namespace.run { try runInside(timeout: timeout, reflect) }
    }

    private static func runInside(
        timeout: Double, _ reflect: @escaping FakeReflector.Reflect
    ) throws -> LoadReport {
        let loop = try EventLoop()
        let reflector = try FakeReflector(loop: loop, reflect: reflect)
        let options = try LoadOptions([
            "--reflector", "10.209.0.1:\(reflector.port)", "--as", "64511", "--clients", "5",
            "--routes", "3", "--first-client", "10.209.1.0", "--prefix-base", "10.9.0.0",
            "--cluster-id", "\(clusterID)", "--timeout", "\(timeout)", "--batch", "2",
        ])
        let run = LoadRun(options: options, loop: loop)
        let report = try run.run()
        try run.linger(seconds: 0)
        return report
    }

    @Test func matchesACorrectReflector() throws {
        let report = try Self.run(FakeReflector.correct(clusterID: Self.clusterID))
        #expect(report.ok)
        #expect(report.established == 5 && report.correctRoutes == 60)
        #expect(report.establishSeconds != nil && report.convergeSeconds != nil)
    }

    @Test func countsEveryRouteWithAForeignClusterWrong() throws {
        let report = try Self.run(FakeReflector.correct(clusterID: IPv4Address(9, 9, 9, 9)))
        #expect(!report.ok)
        #expect(report.wrongRoutes == 60 && report.correctRoutes == 0)
        #expect(report.examples.first?.hasSuffix("cluster list [9.9.9.9], want [1.2.3.4]") == true)
    }

    @Test func reportsTheRoutesOfAClientNeverReflectedAsMissing() throws {
        let correct = FakeReflector.correct(clusterID: Self.clusterID)
        let report = try Self.run(timeout: 1) { attributes, originator in
            originator == IPv4Address(10, 209, 1, 2) ? nil : correct(attributes, originator)
        }
        #expect(!report.ok && report.timedOut)
        #expect(report.missingRoutes == 12 && report.correctRoutes == 48)
        #expect(report.examples.first == "client 10.209.1.0 lacks 10.9.0.6/32")
    }
}
