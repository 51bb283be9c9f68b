import BGPWire
import Testing

@testable import brindle_load

/// The verdict and the two renderings of a report.
@Suite struct LoadReportTests {
    static func report(settledWith ledger: RouteLedger) throws -> LoadReport {
        let options = try LoadOptions([
            "--reflector", "10.0.0.1", "--as", "64511", "--clients", "3", "--routes", "2",
            "--first-client", "10.0.0.254", "--prefix-base", "10.9.0.0", "--cluster-id",
            "1.2.3.4", "--pid", "7",
        ])
        var report = LoadReport(options: options, plan: LoadPlan(options))
        report.established = 3
        report.establishSeconds = 0.5
        report.convergeSeconds = 1.25
        report.count(ledger)
        return report
    }

    @Test func isOkOnlyWhenEverythingMatched() throws {
        #expect(try Self.report(settledWith: RouteLedgerTests.complete()).ok)

        var ledger = RouteLedgerTests.complete()
        ledger.withdraw(LoadPlanTests.plan.prefixes(of: 0)[0], from: 1)
        #expect(try !Self.report(settledWith: ledger).ok)

        var timedOut = try Self.report(settledWith: RouteLedgerTests.complete())
        timedOut.timedOut = true
        #expect(!timedOut.ok)
    }

    @Test func printsTheTimesAndTheVerdict() throws {
        var report = try Self.report(settledWith: RouteLedgerTests.complete())
        report.daemonCPUSeconds = 2.005
        report.daemonPeakResidentBytes = 3 * 1_048_576
        let text = report.text
        #expect(text.contains("established  3/3 in 0.50 s"))
        #expect(text.contains("converged    12/12 routes correct in 1.25 s"))
        #expect(text.contains("daemon       pid 7: 2.01 s CPU, peak RSS 3.00 MiB"))
        #expect(text.hasSuffix("result       ok"))
    }

    @Test func writesOneJSONObjectWithNullForTheUnmeasured() throws {
        let json = try Self.report(settledWith: RouteLedgerTests.complete()).json
        #expect(json.hasPrefix("{\"clients\":3,\"clusterID\":\"1.2.3.4\",\"convergeSeconds\":1.25"))
        #expect(json.contains("\"daemonCPUSeconds\":null"))
        #expect(json.contains("\"ok\":true"))
        #expect(!json.contains("\n"))
    }

    @Test(arguments: [(0.0, "0.00"), (1.005, "1.00"), (12.346, "12.35"), (3.1, "3.10")])
    func formatsTwoDecimals(value: Double, text: String) {
        #expect(LoadReport.fixed(value) == text)
    }
}
