import Glibc

/// Look-ups of network interfaces by name.
public enum Interfaces {
    /// The index of the interface called `name` (if_nametoindex(3)), or nil if there is none.
    /// - Parameters:
    ///   - name: the interface name, e.g. `eth0`.
    ///   - namespacePath: a network namespace to look in, e.g. `/run/netns/NAME`; nil for
    ///     the caller's own. A namespace that cannot be entered also gives nil.
    public static func index(named name: String, namespacePath: String? = nil) -> Int32? {
        let index = try? NetworkNamespace.run(in: namespacePath) {
            () throws(KernelError) -> UInt32 in if_nametoindex(name)
        }
        guard let index, index != 0 else { return nil }
        return Int32(bitPattern: index)
    }
}
