import CLinux

/// The readiness conditions a file descriptor is watched for and reported with, a thin view
/// of epoll's `EPOLLIN`, `EPOLLOUT`, `EPOLLERR` and `EPOLLHUP`/`EPOLLRDHUP` bits.
public struct IOEvents: OptionSet, Sendable, Hashable {
    /// The epoll-independent bit pattern.
    public let rawValue: UInt32

    /// Creates a set from its raw bits.
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Data can be read, or a listening socket has a connection to accept.
    public static let readable = IOEvents(rawValue: 1 << 0)

    /// Data can be written, or a non-blocking connect has finished.
    public static let writable = IOEvents(rawValue: 1 << 1)

    /// The descriptor has a pending error; always reported, never needs asking for.
    public static let error = IOEvents(rawValue: 1 << 2)

    /// The peer hung up or shut down its writing side; always reported.
    public static let hangup = IOEvents(rawValue: 1 << 3)

    /// The epoll bits to ask for: hang-ups of the peer's write side are requested always.
    var epollMask: UInt32 {
        var mask = UInt32(EPOLLRDHUP.rawValue)
        if contains(.readable) { mask |= UInt32(EPOLLIN.rawValue) }
        if contains(.writable) { mask |= UInt32(EPOLLOUT.rawValue) }
        return mask
    }

    /// Translates the bits epoll reported.
    init(epollMask mask: UInt32) {
        self = []
        if mask & UInt32(EPOLLIN.rawValue | EPOLLPRI.rawValue) != 0 { insert(.readable) }
        if mask & UInt32(EPOLLOUT.rawValue) != 0 { insert(.writable) }
        if mask & UInt32(EPOLLERR.rawValue) != 0 { insert(.error) }
        if mask & UInt32(EPOLLHUP.rawValue | EPOLLRDHUP.rawValue) != 0 { insert(.hangup) }
    }
}
