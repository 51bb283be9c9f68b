import BGPWire
import Foundation
import Synchronization

/// A network namespace made for one test: `brindle-kt-<pid>-<n>` with a veth pair v0/v1,
/// both up, and 10.201.0.1/24 and fd00:1::1/64 on v0 so that gateways 10.201.0.2,
/// 10.201.0.3, fd00:1::2 and fd00:1::3 resolve. The IPv6 address skips duplicate address
/// detection (`nodad`), which would keep it tentative, and its subnet unusable, for a while.
/// Call `remove()` in a `defer` right after creating it.
final class TestNamespace {
    /// A gateway on v0's subnet.
    static let gateway = IPv4Address(10, 201, 0, 2)
    /// Another gateway on v0's subnet.
    static let otherGateway = IPv4Address(10, 201, 0, 3)
    /// An IPv6 gateway on v0's subnet.
    static let gateway6 = IPv6Address("fd00:1::2")!
    /// Another IPv6 gateway on v0's subnet.
    static let otherGateway6 = IPv6Address("fd00:1::3")!

    private static let counter = Atomic<Int>(0)

    /// The namespace name.
    let name: String
    /// The path RouteTable and Interfaces take: `/run/netns/<name>`.
    var path: String { "/run/netns/\(name)" }

    /// Creates the namespace and its links.
    init() throws {
        let number = Self.counter.add(1, ordering: .relaxed).newValue
        name = "brindle-kt-\(getpid())-\(number)"
        _ = try Self.run(["netns", "add", name])
        do {
            try ip("link", "add", "v0", "type", "veth", "peer", "name", "v1")
            try ip("addr", "add", "10.201.0.1/24", "dev", "v0")
            try ip("addr", "add", "fd00:1::1/64", "dev", "v0", "nodad")
            try ip("link", "set", "v0", "up")
            try ip("link", "set", "v1", "up")
        } catch {
            remove()
            throw error
        }
    }

    /// Deletes the namespace and everything in it.
    func remove() {
        _ = try? Self.run(["netns", "del", name])
    }

    /// Runs `ip -n <name> <arguments>` and returns its standard output.
    @discardableResult
    func ip(_ arguments: String...) throws -> String {
        try Self.run(["-n", name] + arguments)
    }

    /// The lines of `ip -n <name> route show <filter>`, trimmed.
    func routes(_ filter: String...) throws -> [String] {
        try lines(["-n", name, "route", "show"] + filter)
    }

    /// The lines of `ip -n <name> -6 route show <filter>`, trimmed.
    func routes6(_ filter: String...) throws -> [String] {
        try lines(["-n", name, "-6", "route", "show"] + filter)
    }

    private func lines(_ arguments: [String]) throws -> [String] {
        try Self.run(arguments).split(separator: "\n").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
    }

    private static func run(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
        process.arguments = arguments
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw CommandFailure(command: "ip " + arguments.joined(separator: " "))
        }
        return String(decoding: data, as: UTF8.self)
    }
}

/// A failed `ip` command in a test's set-up.
struct CommandFailure: Error, CustomStringConvertible {
    /// The command line.
    var command: String
    /// `command failed: <command>`.
    var description: String { "command failed: \(command)" }
}
