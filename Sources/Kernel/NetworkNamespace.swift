import CLinux
import Glibc

/// Runs work inside another network namespace on the calling thread: setns(2) into it, run,
/// setns(2) back. Sockets opened meanwhile stay in that namespace for their whole life.
enum NetworkNamespace {
    /// The calling thread's own namespace, saved before entering another.
    static let currentPath = "/proc/thread-self/ns/net"

    /// Runs `body` inside the namespace at `path` (such as `/run/netns/NAME`), or directly
    /// when `path` is nil.
    /// - Throws: `KernelError` from open(2) or setns(2), or whatever `body` throws.
    static func run<T>(
        in path: String?, _ body: () throws(KernelError) -> T
    ) throws(KernelError) -> T {
        guard let path else { return try body() }
        let original = try open(currentPath)
        defer { close(original) }
        let target = try open(path)
        defer { close(target) }

        guard clinux_setns_net(target) == 0 else {
            throw KernelError(call: "setns", errno: errno, detail: path)
        }
        defer {
            // Staying in the wrong namespace would send later routes to the wrong host.
            precondition(clinux_setns_net(original) == 0, "thread must return to its netns")
        }
        return try body()
    }

    private static func open(_ path: String) throws(KernelError) -> Int32 {
        let descriptor = Glibc.open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw KernelError(call: "open", errno: errno, detail: path) }
        return descriptor
    }
}
