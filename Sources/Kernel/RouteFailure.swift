import BGPWire
import Glibc

/// One request in a batch that the kernel refused, with the errno from its acknowledgement.
public struct RouteFailure: Hashable, Sendable, CustomStringConvertible {
    /// The refused request.
    public var request: RouteRequest
    /// The errno the kernel returned, e.g. ENETUNREACH for a gateway not on any link.
    public var errno: Int32

    /// Creates a failure.
    public init(request: RouteRequest, errno: Int32) {
        self.request = request
        self.errno = errno
    }

    /// The prefix of the refused request.
    public var prefix: IPPrefix { request.prefix }

    /// `replace 10.0.0.0/24 via 10.9.9.9 scope universe: Network is unreachable (errno 101)`.
    public var description: String {
        "\(request): \(String(cString: strerror(errno))) (errno \(errno))"
    }
}
