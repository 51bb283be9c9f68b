import BGPWire
import Dispatch
import Glibc
import Testing

@testable import brindle_bench

/// Whole runs over loopback: `direct`, where every prefix must arrive at the monitor, and
/// `run` against a daemon that is not there.
@Suite struct BenchRunTests {
    @Test func everyPrefixOfTwoOverlappingSendersArrives() throws {
        let options = try RunOptions(
            mode: .direct,
            [
                "--table", "synthetic:4000:9", "--senders", "2", "--per-sender", "3000",
                "--overlap", "50", "--timeout", "30",
            ])
        let table = SyntheticTable.make(count: 4000, seed: 9)
        let plan = SenderPlan(tableCount: 4000, senderCount: 2, perSender: 3000, overlap: 50)
        let result = try BenchRun(options: options, table: table, plan: plan).run()
        #expect(result.failure == nil && result.converged)
        #expect(result.prefixesExpected == 4000 && result.prefixesReceived == 4000)
        #expect(result.prefixesSent == 6000 && result.unexpectedPrefixes == 0)
        #expect(result.missingExamples.isEmpty && result.withdrawals == 0)
        #expect(result.establishedSessions == 4)
        #expect((result.convergedSeconds ?? -1) >= 0 && (result.sentSeconds ?? -1) >= 0)
    }

    @Test func heldSessionsCloseOnlyOnceTheFileExistsAndTheReportComesFirst() throws {
        let path = "/tmp/brindle-bench-hold-\(getpid())"
        unlink(path)
        defer { unlink(path) }
        let options = try RunOptions(
            mode: .direct, ["--table", "synthetic:500:3", "--timeout", "30", "--hold-until", path])
        let table = SyntheticTable.make(count: 500, seed: 3)
        let plan = SenderPlan(tableCount: 500, senderCount: 1)
        var reports: [(converged: Bool, fileExisted: Bool)] = []
        let result = try BenchRun(options: options, table: table, plan: plan).run { report in
            reports.append((report.converged, access(path, F_OK) == 0))
            // The file appears a moment after the report, from another thread.
            DispatchQueue.global().asyncAfter(deadline: .now() + 0.2) {
                close(open(path, O_CREAT | O_WRONLY, 0o600))
            }
        }
        #expect(reports.count == 1)
        #expect(reports.first?.converged == true && reports.first?.fileExisted == false)
        // The run returned only once the file was there, its sessions up until then.
        #expect(access(path, F_OK) == 0)
        #expect(result.converged && result.failure == nil && result.prefixesReceived == 500)
    }

    @Test func retriesUntilTheTimeoutAndSaysWhatFailedLast() throws {
        // Port 9 (discard) on loopback: nothing listens, so every connect is refused.
        let words = [
            "--target", "127.0.0.1:9", "--daemon-as", "64511", "--sender", "127.0.0.1",
            "--sender-as", "65001", "--monitor", "127.0.0.1", "--monitor-as", "65100",
            "--table", "synthetic:10", "--timeout", "1.5",
        ]
        let options = try RunOptions(mode: .daemon, words)
        let table = SyntheticTable.make(count: 10)
        let plan = SenderPlan(tableCount: 10, senderCount: 1)
        let result = try BenchRun(options: options, table: table, plan: plan).run()
        #expect(!result.converged && result.establishedSessions == 0)
        #expect(
            result.failure?.hasPrefix("timeout, last failure: session 127.0.0.1: connect") == true)
        #expect(result.json(mode: .daemon).contains(#""converged_s":null"#))
        #expect(!result.json(mode: .daemon).contains("daemon_cpu_s"))
    }
}
