import Glibc

/// An operating-system failure in the kernel layer: the call (or request) that failed and
/// the errno it returned, with an optional detail such as the route concerned.
public struct KernelError: Error, Sendable, CustomStringConvertible {
    /// The system call or netlink request that failed, e.g. `sendmsg` or `RTM_GETROUTE`.
    public var call: String
    /// The errno value.
    public var errno: Int32
    /// Extra context, such as the namespace path or why a reply was rejected.
    public var detail: String?

    /// Creates an error.
    public init(call: String, errno: Int32, detail: String? = nil) {
        self.call = call
        self.errno = errno
        self.detail = detail
    }

    /// `call: message (errno N)`, then the detail if any.
    public var description: String {
        let base = "\(call): \(String(cString: strerror(errno))) (errno \(errno))"
        guard let detail else { return base }
        return base + ": " + detail
    }

    /// An error for a reply the kernel should never send: broken framing or a short header.
    static func malformedReply(_ detail: String) -> KernelError {
        KernelError(call: "recvmsg", errno: EBADMSG, detail: detail)
    }
}
