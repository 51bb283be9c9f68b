import CLinux
import Glibc

/// A NETLINK_ROUTE socket: the one place the kernel layer makes socket system calls.
///
/// Every failure becomes a `KernelError` naming the call and the errno; EINTR is retried.
final class NetlinkSocket {
    /// The socket's file descriptor, owned by this object and closed on deinit.
    let fileDescriptor: Int32
    /// The receive buffer, big enough for the kernel's largest dump datagram.
    private var buffer = [UInt8](repeating: 0, count: 64 * 1024)

    /// How long `receive` waits for the kernel before failing with EAGAIN.
    static let receiveTimeoutSeconds = 10
    /// SO_RCVBUF: room for the acknowledgements of a whole batch.
    static let receiveBufferBytes: Int32 = 1 << 20

    /// Opens the socket in the calling thread's network namespace.
    /// - Throws: `KernelError` from socket(2) or setsockopt(2).
    init() throws(KernelError) {
        let type = Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue)
        fileDescriptor = Glibc.socket(AF_NETLINK, type, NETLINK_ROUTE)
        guard fileDescriptor >= 0 else { throw KernelError(call: "socket", errno: errno) }

        // An error acknowledgement then carries only the request's header, not its body.
        try setOption(level: SOL_NETLINK, name: NETLINK_CAP_ACK, value: Int32(1))
        try setOption(level: SOL_SOCKET, name: SO_RCVBUF, value: Self.receiveBufferBytes)
        let timeout = timeval(tv_sec: Self.receiveTimeoutSeconds, tv_usec: 0)
        try setOption(level: SOL_SOCKET, name: SO_RCVTIMEO, value: timeout)
    }

    deinit {
        close(fileDescriptor)
    }

    /// Sends one datagram of requests to the kernel.
    /// - Throws: `KernelError` from sendmsg(2), e.g. ENOBUFS.
    func send(_ bytes: [UInt8]) throws(KernelError) {
        while true {
            let sent = bytes.withUnsafeBytes {
                Glibc.send(fileDescriptor, $0.baseAddress, $0.count, 0)
            }
            if sent >= 0 { return }
            guard errno == EINTR else { throw KernelError(call: "sendmsg", errno: errno) }
        }
    }

    /// Receives one datagram from the kernel, skipping any from other senders.
    /// - Throws: `KernelError` from recvfrom(2); EAGAIN after the timeout; EMSGSIZE if the
    ///   datagram did not fit the buffer.
    func receive() throws(KernelError) -> ArraySlice<UInt8> {
        while true {
            var sender = sockaddr_nl()
            let count = try receive(from: &sender)
            guard count <= buffer.count else {
                throw KernelError(call: "recvmsg", errno: EMSGSIZE, detail: "\(count) bytes")
            }
            // Only the kernel (port id 0) answers our requests.
            if sender.nl_pid == 0 { return buffer[0..<count] }
        }
    }

    private func receive(from sender: inout sockaddr_nl) throws(KernelError) -> Int {
        var length = socklen_t(MemoryLayout<sockaddr_nl>.size)
        while true {
            let count = buffer.withUnsafeMutableBytes { bytes in
                withUnsafeMutablePointer(to: &sender) { address in
                    address.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        recvfrom(
                            fileDescriptor, bytes.baseAddress, bytes.count, Int32(MSG_TRUNC),
                            $0, &length)
                    }
                }
            }
            if count >= 0 { return count }
            guard errno == EINTR else { throw KernelError(call: "recvmsg", errno: errno) }
        }
    }

    private func setOption<T>(level: Int32, name: Int32, value: T) throws(KernelError) {
        let result = withUnsafeBytes(of: value) {
            setsockopt(fileDescriptor, level, name, $0.baseAddress, socklen_t($0.count))
        }
        guard result == 0 else {
            throw KernelError(call: "setsockopt", errno: errno, detail: "option \(name)")
        }
    }
}
