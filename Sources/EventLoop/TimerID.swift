/// Names one scheduled timer, so that it can be cancelled.
public struct TimerID: Hashable, Sendable {
    /// A number unique within the loop that issued it, increasing in scheduling order.
    public let rawValue: UInt64
}
