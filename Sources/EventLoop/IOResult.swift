import Glibc

/// The outcome of a non-blocking system call that did not fail: a value, or the kernel's
/// answer that the call would have blocked (`EAGAIN` or `EWOULDBLOCK`).
public enum IOResult<Value> {
    /// The call completed and returned `Value`.
    case done(Value)

    /// The call would have blocked; try again when epoll reports readiness.
    case wouldBlock
}

/// Performs one system call the way every call in Brindle is made: retried while it fails
/// with `EINTR`, with `EAGAIN`/`EWOULDBLOCK` returned as `.wouldBlock`.
///
/// - Parameters:
///   - call: the name of the call, used in the thrown error.
///   - body: makes the call and returns its result; `-1` means failure with `errno` set.
/// - Returns: `.done(result)` for any result other than `-1`, or `.wouldBlock`.
/// - Throws: `SystemError` naming `call` and the errno for every other failure.
public func systemCall<Result: FixedWidthInteger>(
    _ call: String, _ body: () -> Result
) throws(SystemError) -> IOResult<Result> {
    while true {
        let result = body()
        guard result == -1 else { return .done(result) }

        let code = errno
        if code == EINTR { continue }
        if code == EAGAIN || code == EWOULDBLOCK { return .wouldBlock }
        throw SystemError(call: call, errno: code)
    }
}

/// Performs a system call that is not expected to block (socket set-up, epoll control),
/// treating would-block like any other failure.
///
/// - Returns: the call's result.
/// - Throws: `SystemError` naming `call` for any failure, `EAGAIN` included.
@discardableResult
func checkedCall<Result: FixedWidthInteger>(
    _ call: String, _ body: () -> Result
) throws(SystemError) -> Result {
    switch try systemCall(call, body) {
    case .done(let result): return result
    case .wouldBlock: throw SystemError(call: call, errno: EAGAIN)
    }
}
