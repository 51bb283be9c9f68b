import Glibc

/// An operating-system error: the system call that failed and the `errno` it left.
///
/// Every call into the kernel goes through `systemCall(_:_:)`, which retries `EINTR`, turns
/// `EAGAIN` into `IOResult.wouldBlock` and throws this error for anything else.
public struct SystemError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The name of the failed call, such as `"connect"`.
    public let call: String

    /// The `errno` value the call left, such as `ECONNREFUSED`.
    public let errno: Int32

    /// Creates an error for `call` with the given `errno` value.
    public init(call: String, errno: Int32) {
        self.call = call
        self.errno = errno
    }

    /// The call, the C library's message for the errno and its number, such as
    /// `"connect: Connection refused (errno 111)"`.
    public var description: String {
        let message = strerror(errno).map { String(cString: $0) } ?? "unknown error"
        return "\(call): \(message) (errno \(errno))"
    }
}
