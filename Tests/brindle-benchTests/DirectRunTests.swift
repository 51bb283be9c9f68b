import BGPWire
import Testing

@testable import brindle_bench

/// `direct` over loopback: every prefix must arrive at the monitor.
@Suite struct DirectRunTests {
    @Test func everyPrefixOfTwoOverlappingSendersArrives() throws {
        let options = try RunOptions(
            mode: .direct,
            [
                "--table", "synthetic:4000:9", "--senders", "2", "--per-sender", "3000",
                "--overlap",
                "50", "--timeout", "30",
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
}
