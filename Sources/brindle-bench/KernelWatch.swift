import CLinux
import Glibc
import Synchronization

/// Set by SIGTERM or SIGINT: the watch stops and still prints what it counted.
private let stopRequested = Atomic<Bool>(false)

/// `kernel-watch`: counts the distinct prefixes of route notifications (RTM_NEWROUTE on
/// the rtnetlink route multicast group of one family, rtnetlink(7)), so that time-to-FIB
/// is measured without dumping the table while it is written.
///
/// A burst larger than the socket's receive buffer loses notifications (ENOBUFS): the
/// buffer is made as large as allowed, and each loss is counted as an overflow. Stopped
/// by SIGTERM or SIGINT before the count is reached, it prints what it saw and exits 1.
struct KernelWatch {
    /// The receive buffer asked for: 1 GiB (SO_RCVBUFFORCE as root, else up to rmem_max).
    static let receiveBufferBytes: Int32 = 1 << 30

    /// How many distinct prefixes end the watch.
    let expect: Int
    /// The `rtm_protocol` counted, or nil for any.
    let protocolNumber: UInt8?
    /// AF_INET or AF_INET6.
    let family: UInt8
    /// Seconds from `ready` until the watch gives up.
    let timeout: Double

    /// Parses the words after `kernel-watch`, watches, prints the JSON line; the exit status.
    /// - Throws: `UsageError` for a bad command line.
    static func main(_ words: [String]) throws(UsageError) -> Int32 {
        var arguments = Arguments(words)
        let expect = try arguments.required("--expect", "a count above 0") {
            Int($0).flatMap { $0 > 0 ? $0 : nil }
        }
        let protocolNumber = try arguments.value("--protocol", "a number from 0 to 255") {
            UInt8($0)
        }
        let family =
            try arguments.value("--family", "4 or 6") {
                ["4": UInt8(AF_INET), "6": UInt8(AF_INET6)][$0]
            } ?? UInt8(AF_INET)
        let timeout =
            try arguments.value("--timeout", "seconds") {
                Double($0).flatMap { $0 > 0 ? $0 : nil }
            } ?? 300
        try arguments.finish()
        let watch = KernelWatch(
            expect: expect, protocolNumber: protocolNumber, family: family, timeout: timeout)
        do {
            return try watch.run()
        } catch {
            printError("brindle-bench: \(error)")
            return 1
        }
    }

    /// Subscribes, says `ready`, counts until done or timed out, and prints the result.
    /// - Throws: `WatchError` when the socket cannot be set up or fails.
    func run() throws(WatchError) -> Int32 {
        let fd = try subscribe()
        defer { close(fd) }
        Self.stopOnSignals()
        printError("ready")
        var tally = NotificationTally(family: family, protocolNumber: protocolNumber)
        let begin = monotonicSeconds()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        while tally.count < expect, monotonicSeconds() - begin < timeout,
            !stopRequested.load(ordering: .relaxed)
        {
            guard try isReadable(fd, until: begin + timeout) else { continue }
            let received = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            guard received >= 0 else {
                if errno == ENOBUFS {
                    tally.overflows += 1
                } else if errno != EINTR {
                    throw WatchError(call: "recv", errno: errno)
                }
                continue
            }
            tally.read(buffer[0..<received], at: monotonicSeconds() - begin)
        }
        printLine(tally.json)
        return tally.count >= expect ? 0 : 1
    }

    /// SIGTERM and SIGINT interrupt `poll` (no SA_RESTART) and set `stopRequested`.
    private static func stopOnSignals() {
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { _ in
            stopRequested.store(true, ordering: .relaxed)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        sigaction(SIGTERM, &action, nil)
        sigaction(SIGINT, &action, nil)
    }

    /// A NETLINK_ROUTE socket in the family's route group with a large receive buffer.
    private func subscribe() throws(WatchError) -> Int32 {
        let fd = socket(
            AF_NETLINK, Int32(SOCK_RAW.rawValue) | Int32(SOCK_CLOEXEC.rawValue), NETLINK_ROUTE)
        guard fd >= 0 else { throw WatchError(call: "socket(AF_NETLINK)", errno: errno) }
        var size = Self.receiveBufferBytes
        let length = socklen_t(MemoryLayout<Int32>.size)
        if setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &size, length) != 0 {
            _ = setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, length)
        }
        var address = sockaddr_nl()
        address.nl_family = sa_family_t(AF_NETLINK)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(fd, $0, socklen_t(MemoryLayout<sockaddr_nl>.size))
            }
        }
        var group = Int32(
            family == UInt8(AF_INET) ? RTNLGRP_IPV4_ROUTE.rawValue : RTNLGRP_IPV6_ROUTE.rawValue)
        guard bound == 0, setsockopt(fd, SOL_NETLINK, NETLINK_ADD_MEMBERSHIP, &group, length) == 0
        else {
            let error = WatchError(
                call: bound == 0 ? "setsockopt(NETLINK_ADD_MEMBERSHIP)" : "bind", errno: errno)
            close(fd)
            throw error
        }
        return fd
    }

    /// Waits for the socket to be readable, at most 200 ms and not past `deadline`, so that
    /// the caller looks at the stop flag and the deadline often; false when it is not.
    private func isReadable(_ fd: Int32, until deadline: Double) throws(WatchError) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        let seconds = min(0.2, max(0, deadline - monotonicSeconds()))
        let ready = poll(&poller, 1, Int32((seconds * 1000).rounded(.up)))
        guard ready >= 0 || errno == EINTR else { throw WatchError(call: "poll", errno: errno) }
        return ready > 0
    }
}
