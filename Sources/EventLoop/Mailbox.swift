/// A typed channel from any thread into the event loop: values sent here are handed, in
/// order, to a handler that runs on the loop's thread and may touch loop-owned objects.
///
/// Made by `EventLoop.makeMailbox(_:)`. The handler stays registered for the loop's
/// lifetime; a mailbox is meant to be made once per kind of result (store snapshots, kernel
/// dumps), not once per message.
public struct Mailbox<Value: Sendable>: Sendable {
    let handle: EventLoopHandle
    let identifier: Int

    /// Queues `value` for the loop-side handler and wakes the loop. Safe from any thread.
    public func send(_ value: Value) {
        handle.enqueue(.message(mailbox: identifier, value: value))
    }
}
