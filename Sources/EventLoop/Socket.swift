import CLinux
import Glibc

/// The socket calls shared by the TCP and UNIX types, each made through `systemCall`.
enum Socket {
    /// Opens a non-blocking, close-on-exec stream socket.
    static func makeStream(family: Int32) throws(SystemError) -> Int32 {
        let type = Int32(SOCK_STREAM.rawValue | SOCK_NONBLOCK.rawValue | SOCK_CLOEXEC.rawValue)
        return try checkedCall("socket") { socket(family, type, 0) }
    }

    /// Sets an integer socket option.
    static func setOption(
        _ fd: Int32, level: Int32, name: Int32, value: Int32, call: String
    ) throws(SystemError) {
        var value = value
        let size = socklen_t(MemoryLayout<Int32>.size)
        try checkedCall(call) { setsockopt(fd, level, name, &value, size) }
    }

    /// Turns off Nagle's algorithm, so that KEEPALIVEs and small UPDATEs leave at once.
    static func setNoDelay(_ fd: Int32) throws(SystemError) {
        try setOption(
            fd, level: Int32(IPPROTO_TCP), name: TCP_NODELAY, value: 1,
            call: "setsockopt(TCP_NODELAY)")
    }

    /// Binds an IPv4 socket.
    static func bind(_ fd: Int32, to address: SocketAddress) throws(SystemError) {
        var raw = address.socketAddress
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        try checkedCall("bind") {
            withUnsafePointer(to: &raw) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.bind(fd, $0, size)
                }
            }
        }
    }

    /// The local (`getsockname`) or remote (`getpeername`) IPv4 address of a socket.
    static func address(of fd: Int32, remote: Bool) throws(SystemError) -> SocketAddress {
        var raw = sockaddr_in()
        var size = socklen_t(MemoryLayout<sockaddr_in>.size)
        try checkedCall(remote ? "getpeername" : "getsockname") {
            withUnsafeMutablePointer(to: &raw) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    remote ? getpeername(fd, $0, &size) : getsockname(fd, $0, &size)
                }
            }
        }
        return SocketAddress(raw)
    }

    /// The socket's pending error (`SO_ERROR`), clearing it; 0 when there is none.
    static func pendingError(_ fd: Int32) -> Int32 {
        var value: Int32 = 0
        var size = socklen_t(MemoryLayout<Int32>.size)
        let result = getsockopt(fd, SOL_SOCKET, SO_ERROR, &value, &size)
        return result == 0 ? value : errno
    }

    /// The UNIX-domain address for `path`.
    /// - Throws: `ENAMETOOLONG` (named after `call`) if the path does not fit `sun_path`.
    static func unixAddress(_ path: String, call: String) throws(SystemError) -> sockaddr_un {
        var raw = sockaddr_un()
        raw.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        let fits = withUnsafeMutableBytes(of: &raw.sun_path) { field in
            guard bytes.count < field.count else { return false }
            field.copyBytes(from: bytes)
            return true
        }
        guard fits else { throw SystemError(call: call, errno: ENAMETOOLONG) }
        return raw
    }

    /// Calls `body` with `sockaddr_un` viewed as a `sockaddr` and its length.
    static func withUnixAddress<Result>(
        _ raw: inout sockaddr_un, _ body: (UnsafePointer<sockaddr>, socklen_t) -> Result
    ) -> Result {
        let size = socklen_t(MemoryLayout<sockaddr_un>.size)
        return withUnsafePointer(to: &raw) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, size) }
        }
    }
}
