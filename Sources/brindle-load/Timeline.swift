/// The moments of a run, in loop time (monotonic seconds); nil until reached.
struct Timeline {
    /// The first connect.
    var start = 0.0
    /// The last client reached Established.
    var established: Double?
    /// Every client sent its routes.
    var announced: Double?
    /// Every client held every other client's routes, right or wrong.
    var settled: Double?
    /// The run stopped.
    var finished: Double?
    /// Whether it stopped because time ran out.
    var timedOut = false

    /// Seconds from the first connect until all sessions were Established.
    var establishSeconds: Double? { established.map { $0 - start } }

    /// Seconds from the first announcement until every route had arrived.
    var convergeSeconds: Double? {
        guard let announced, let settled else { return nil }
        return settled - announced
    }
}
