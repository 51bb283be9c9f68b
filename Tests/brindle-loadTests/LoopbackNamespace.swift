import CLinux
import Foundation
import Glibc
import Synchronization

/// A network namespace for one test, `brindle-lt-<pid>-<n>`, whose loopback holds
/// 10.209.0.0/16, so that any of those addresses can be bound, reached and used as a
/// BGP next hop (127/8 cannot: RFC 6890 makes it special). Needs root.
final class LoopbackNamespace {
    private static let counter = Atomic<Int>(0)

    /// The namespace name.
    let name: String

    /// Creates the namespace, brings its loopback up and adds the block to it.
    init() throws {
        let number = Self.counter.add(1, ordering: .relaxed).newValue
        name = "brindle-lt-\(getpid())-\(number)"
        try Self.ip(["netns", "add", name])
        do {
            try Self.ip(["-n", name, "link", "set", "lo", "up"])
            try Self.ip(["-n", name, "addr", "add", "10.209.0.1/16", "dev", "lo"])
        } catch {
            remove()
            throw error
        }
    }

    /// Deletes the namespace.
    func remove() {
        try? Self.ip(["netns", "del", name])
    }

    /// Runs `body` with the calling thread inside the namespace, so that the sockets it
    /// opens live there, and moves the thread back afterwards (setns(2) is per thread).
    func run<Result>(_ body: () throws -> Result) throws -> Result {
        let original = open("/proc/thread-self/ns/net", O_RDONLY | O_CLOEXEC)
        let target = open("/run/netns/\(name)", O_RDONLY | O_CLOEXEC)
        defer {
            close(original)
            close(target)
        }
        guard original >= 0, target >= 0, clinux_setns_net(target) == 0 else {
            throw NamespaceFailure(what: "entering \(name)")
        }
        defer {
            precondition(clinux_setns_net(original) == 0, "a test thread leaves its namespace")
        }
        return try body()
    }

    private static func ip(_ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw NamespaceFailure(what: "ip " + arguments.joined(separator: " "))
        }
    }
}

/// A failed step in setting up or entering a test namespace.
struct NamespaceFailure: Error, CustomStringConvertible {
    /// The step.
    var what: String
    /// `namespace set-up failed: <step>`.
    var description: String { "namespace set-up failed: \(what)" }
}
