import BGPWire
import CLinux
import Glibc

/// The interfaces and interface addresses of one network namespace, changed over one
/// NETLINK_ROUTE socket: what `ip link` and `ip address` do, without starting a program.
///
/// Each call sends one request and waits for its acknowledgement, so it either happened
/// or throws the kernel's errno (EEXIST, ENODEV...) as a `KernelError` naming the request.
/// Not thread-safe: one thread owns a table.
public final class InterfaceTable {
    /// The namespace the socket lives in (nil: the caller's own), for name look-ups.
    let namespacePath: String?
    let socket: NetlinkSocket
    private var nextSequence: UInt32 = 1

    /// Opens a NETLINK_ROUTE socket in the namespace at `namespacePath` (such as
    /// `/run/netns/NAME`), or in the caller's own when nil.
    /// - Throws: `KernelError` from open, setns, socket or setsockopt.
    public init(namespacePath: String? = nil) throws(KernelError) {
        self.namespacePath = namespacePath
        socket = try NetworkNamespace.run(in: namespacePath) {
            () throws(KernelError) -> NetlinkSocket in try NetlinkSocket()
        }
    }

    /// Creates a veth pair: `name` here, and its other end `peerName` inside the network
    /// namespace at `peerNamespacePath` (`ip link add NAME type veth peer name PEER netns
    /// NS`). Both ends start down.
    /// - Throws: `KernelError`: EEXIST when either name is taken, ENOENT for no namespace.
    public func addVethPair(
        _ name: String, peer peerName: String, peerNamespacePath: String
    ) throws(KernelError) {
        let namespace = Glibc.open(peerNamespacePath, O_RDONLY | O_CLOEXEC)
        guard namespace >= 0 else {
            throw KernelError(call: "open", errno: errno, detail: peerNamespacePath)
        }
        defer { close(namespace) }
        try perform(.newLink, [.create, .exclusive], "add veth \(name)") { writer in
            writer.append(ifinfomsg())
            writer.appendAttribute(LinkAttribute.name, string: name)
            let info = writer.beginNested(LinkAttribute.linkInfo)
            writer.appendAttribute(LinkAttribute.infoKind, string: "veth")
            let data = writer.beginNested(LinkAttribute.infoData)
            let peer = writer.beginNested(LinkAttribute.vethPeer)
            writer.append(ifinfomsg())
            writer.appendAttribute(LinkAttribute.name, string: peerName)
            writer.appendAttribute(LinkAttribute.namespaceDescriptor, value: UInt32(namespace))
            writer.endNested(at: peer)
            writer.endNested(at: data)
            writer.endNested(at: info)
        }
    }

    /// Deletes the interface `name` (`ip link del NAME`); a veth's other end goes with it,
    /// and every route through it.
    /// - Throws: `KernelError`: ENODEV when there is no such interface.
    public func deleteLink(_ name: String) throws(KernelError) {
        try perform(.deleteLink, [], "delete link \(name)") { writer in
            writer.append(ifinfomsg())
            writer.appendAttribute(LinkAttribute.name, string: name)
        }
    }

    /// Brings the interface `name` up (`ip link set NAME up`).
    /// - Throws: `KernelError`: ENODEV when there is no such interface.
    public func setUp(_ name: String) throws(KernelError) {
        let index = try interfaceIndex(name)
        try perform(.newLink, [], "set \(name) up") { writer in
            var header = ifinfomsg()
            header.ifi_index = index
            header.ifi_flags = UInt32(IFF_UP)
            header.ifi_change = UInt32(IFF_UP)
            writer.append(header)
        }
    }

    /// Adds (or, with `replace`, adds or updates) `address` with its subnet's
    /// `prefixLength` on the interface `name` (`ip address add|replace ADDR/LEN dev NAME`);
    /// `skipDAD` marks an IPv6 address usable at once (IFA_F_NODAD, RFC 4862 §5.4).
    /// - Throws: `KernelError`: EEXIST for an address already there (without `replace`).
    public func addAddress(
        _ address: IPAddress, prefixLength: UInt8, to name: String, replace: Bool = false,
        skipDAD: Bool = false
    ) throws(KernelError) {
        let index = try interfaceIndex(name)
        let flags: NetlinkFlags = replace ? [.create, .replace] : [.create, .exclusive]
        let what = "add \(address)/\(prefixLength) to \(name)"
        try perform(.newAddress, flags, what) { writer in
            Self.appendAddress(address, prefixLength, index: index, skipDAD: skipDAD, to: &writer)
        }
    }

    /// Removes `address`/`prefixLength` from the interface `name` (`ip address del`).
    /// - Throws: `KernelError`: EADDRNOTAVAIL when the interface does not have it.
    public func deleteAddress(
        _ address: IPAddress, prefixLength: UInt8, from name: String
    ) throws(KernelError) {
        let index = try interfaceIndex(name)
        let what = "delete \(address)/\(prefixLength) from \(name)"
        try perform(.deleteAddress, [], what) { writer in
            Self.appendAddress(address, prefixLength, index: index, skipDAD: false, to: &writer)
        }
    }

    // MARK: - Requests

    /// `ifaddrmsg` and the address as both IFA_LOCAL and IFA_ADDRESS (no peer).
    private static func appendAddress(
        _ address: IPAddress, _ prefixLength: UInt8, index: Int32, skipDAD: Bool,
        to writer: inout NetlinkWriter
    ) {
        var header = ifaddrmsg()
        header.ifa_family = address.netlinkFamily
        header.ifa_prefixlen = prefixLength
        header.ifa_flags = skipDAD ? UInt8(IFA_F_NODAD) : 0
        header.ifa_index = UInt32(bitPattern: index)
        writer.append(header)
        writer.appendAttribute(AddressAttribute.local, address: address)
        writer.appendAttribute(AddressAttribute.address, address: address)
    }

    /// The index of `name` in this table's namespace.
    private func interfaceIndex(_ name: String) throws(KernelError) -> Int32 {
        guard let index = Interfaces.index(named: name, namespacePath: namespacePath) else {
            throw KernelError(call: "if_nametoindex", errno: ENODEV, detail: name)
        }
        return index
    }

    /// Sends one request built by `body` and waits for its acknowledgement.
    private func perform(
        _ type: NetlinkMessageType, _ flags: NetlinkFlags, _ what: String,
        _ body: (inout NetlinkWriter) -> Void
    ) throws(KernelError) {
        let sequence = nextSequence
        nextSequence &+= 1
        var writer = NetlinkWriter(capacity: 256)
        writer.beginMessage(
            type: type, flags: flags.union([.request, .acknowledge]), sequence: sequence)
        body(&writer)
        writer.endMessage()
        try socket.send(writer.bytes)
        while true {
            for message in try NetlinkMessage.split(socket.receive())
            where message.sequence == sequence {
                guard let errorNumber = message.errorNumber else { continue }
                guard errorNumber == 0 else {
                    throw KernelError(call: what, errno: errorNumber)
                }
                return
            }
        }
    }
}
