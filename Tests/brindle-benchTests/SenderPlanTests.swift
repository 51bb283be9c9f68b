import Testing

@testable import brindle_bench

/// How the senders' slices of the table overlap.
@Suite struct SenderPlanTests {
    @Test func oneSenderSendsTheWholeTable() {
        let plan = SenderPlan(tableCount: 10, senderCount: 1)
        #expect(plan.ranges(ofSender: 0) == [0..<10])
        #expect(plan.distinctIndices() == Array(0..<10))
    }

    @Test func slicesOverlapTheNextOneByThePercentage() {
        let plan = SenderPlan(tableCount: 100, senderCount: 3, perSender: 20, overlap: 25)
        #expect((0..<3).map(plan.ranges(ofSender:)) == [[0..<20], [15..<35], [30..<50]])
        #expect(plan.distinctIndices() == Array(0..<50))
    }

    @Test func aSliceWrapsRoundTheEndOfTheTable() {
        let plan = SenderPlan(tableCount: 30, senderCount: 2, perSender: 20)
        #expect(plan.ranges(ofSender: 1) == [20..<30, 0..<10])
        #expect(plan.distinctIndices().count == 30)
    }

    @Test func sendersOfTheWholeTableAllSendEverything() {
        let plan = SenderPlan(tableCount: 8, senderCount: 4)
        #expect((0..<4).allSatisfy { plan.ranges(ofSender: $0) == [0..<8] })
    }
}
