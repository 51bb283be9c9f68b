import BGPWire
import Foundation
import Store

/// `brindlectl container add|remove|show` and `container NAME ip add|remove`.
enum ContainerCommands {
    /// The `container` group; a word that is no subcommand is a container name.
    static let command = Command(
        "container", summary: "attach containers (network namespaces) and manage their addresses",
        children: [
            Command(
                "add",
                usage: [
                    "container add NAME --netns PATH [--ip IP | --pool CIDR]..."
                        + " [--node NODE]"
                ],
                summary: "allocate addresses and attach a network namespace; --ip and --pool"
                    + " take either family, once per family; with neither, an IPv4 address"
                    + " and, if an enabled IPv6 pool exists, an IPv6 one",
                run: add),
            Command(
                "remove", usage: ["container remove NAME"],
                summary: "detach a container and release its addresses", run: remove),
            Command(
                "show", usage: ["container show [--json]"], summary: "list the containers",
                run: show),
        ],
        fallback: Command(
            "NAME", usage: ["container NAME ip add IP|--pool CIDR", "container NAME ip remove IP"],
            summary: "add or remove a container's further addresses, of either family",
            run: ContainerAddressCommands.run))

    /// `container add NAME --netns PATH [--ip IP | --pool CIDR]... [--node NODE]`: stores
    /// the container and its addresses, then plumbs it; a plumbing failure undoes the store
    /// change.
    static func add(_ arguments: inout ArgumentList, _ context: Context) throws {
        guard let netns = try arguments.option("--netns") else {
            throw arguments.usage("missing --netns PATH")
        }
        let node = try arguments.option("--node") ?? context.localNode
        let requests = try ContainerAddressCommands.requests(&arguments)
        let name = try arguments.name(arguments.positional("NAME"), kind: "container")
        try arguments.finish()
        guard FileManager.default.fileExists(atPath: netns) else {
            throw arguments.failure("network namespace \(netns) does not exist")
        }

        let container = Container(name: name, node: node, netns: netns)
        // The store is closed before the plumbing, so a running brindled reads the commit
        // at once (see `ContainerAddressCommands.reserve`).
        let addresses = try context.openStore().addContainer(container, addresses: requests)
        do {
            try ContainerNetwork(container: container).attach(addresses: addresses)
        } catch {
            _ = try? context.openStore().removeContainer(named: name)
            throw error
        }
        let list = addresses.map(\.description).joined(separator: " ")
        let noun = addresses.count == 1 ? "address" : "addresses"
        print("added container \(name) with \(noun) \(list) on \(container.hostInterface)")
    }

    /// `container remove NAME`: deletes the veth pair, then releases the addresses.
    static func remove(_ arguments: inout ArgumentList, _ context: Context) throws {
        let name = try arguments.positional("NAME")
        try arguments.finish()
        let store = try context.openStore()
        guard let container = try store.container(named: name) else {
            throw StoreError.containerNotFound(name)
        }

        try ContainerNetwork(container: container).detach()
        let released = try store.removeContainer(named: name)
        let addresses = released.map(\.description).joined(separator: " ")
        print("removed container \(name), released \(addresses.isEmpty ? "nothing" : addresses)")
    }

    /// `container show [--json]`.
    static func show(_ arguments: inout ArgumentList, _ context: Context) throws {
        let json = arguments.flag("--json")
        try arguments.finish()
        let snapshot = try context.openStore().snapshot()
        let addresses = Dictionary(grouping: snapshot.allocations, by: \.container)
            .mapValues { $0.map(\.address.description) }

        guard !json else {
            return try Output.json(
                snapshot.containers.map { container in
                    [
                        "name": container.name, "node": container.node, "netns": container.netns,
                        "hostInterface": container.hostInterface,
                        "addresses": addresses[container.name] ?? [],
                    ]
                })
        }
        Output.table(
            ["NAME", "NODE", "INTERFACE", "ADDRESSES", "NETNS"],
            snapshot.containers.map { container in
                [
                    container.name, container.node, container.hostInterface,
                    (addresses[container.name] ?? []).joined(separator: ","), container.netns,
                ]
            })
    }
}
