/// Which prefixes of the table each sender plays (scenario S2): sender i takes `perSender`
/// consecutive prefixes starting `stride` after sender i - 1, wrapping round the table, so
/// that its slice overlaps the next sender's by the given percentage.
struct SenderPlan: Equatable {
    /// The number of prefixes in the table.
    let tableCount: Int
    /// How many senders play.
    let senderCount: Int
    /// How many prefixes each sender sends.
    let perSender: Int
    /// How far each sender's slice starts after the previous one's.
    let stride: Int

    /// The plan for `senderCount` senders, each sending `perSender` prefixes (the whole
    /// table by default) overlapping the next sender's slice by `overlap` percent (none by
    /// default).
    /// - Precondition: the counts are positive, `perSender` at most `tableCount`, and
    ///   `overlap` from 0 to 100.
    init(tableCount: Int, senderCount: Int, perSender: Int? = nil, overlap: Int = 0) {
        precondition(tableCount > 0 && senderCount > 0, "a plan has prefixes and senders")
        let perSender = perSender ?? tableCount
        precondition(perSender > 0 && perSender <= tableCount, "a slice fits in the table")
        precondition((0...100).contains(overlap), "an overlap is a percentage")
        self.tableCount = tableCount
        self.senderCount = senderCount
        self.perSender = perSender
        stride = perSender - perSender * overlap / 100
    }

    /// The table indices sender `index` sends, as one or two ranges (when it wraps).
    func ranges(ofSender index: Int) -> [Range<Int>] {
        let start = index * stride % tableCount
        let end = start + perSender
        guard end > tableCount else { return [start..<end] }
        return [start..<tableCount, 0..<end - tableCount].filter { !$0.isEmpty }
    }

    /// The table indices some sender sends, each once, in order.
    func distinctIndices() -> [Int] {
        var sent = [Bool](repeating: false, count: tableCount)
        for sender in 0..<senderCount {
            for range in ranges(ofSender: sender) { for index in range { sent[index] = true } }
        }
        return sent.indices.filter { sent[$0] }
    }
}
