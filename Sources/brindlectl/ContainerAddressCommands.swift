import BGPWire
import Store

/// `brindlectl container NAME ip add IP`, `... ip add --pool CIDR`, `... ip remove IP`.
enum ContainerAddressCommands {
    /// Reads the container name and `ip add` or `ip remove`, then runs it.
    static func run(_ arguments: inout ArgumentList, _ context: Context) throws {
        let name = try arguments.positional("NAME")
        try arguments.keyword("ip")
        arguments.path = ["container", "ip"]
        let verb = try arguments.positional("add|remove")
        guard verb == "add" || verb == "remove" else {
            throw arguments.usage("unknown subcommand '\(verb)' (add, remove)")
        }
        arguments.path.append(verb)
        try verb == "add"
            ? add(name, &arguments, context) : remove(name, &arguments, context)
    }

    /// Reads `--ip IP` and `--pool CIDR` options, of either family and together at most one
    /// per family, into address requests; none means the store's default.
    static func requests(_ arguments: inout ArgumentList) throws -> [AddressRequest] {
        let addresses = try arguments.options("--ip").map { text throws in
            try arguments.ipAddress(text)
        }
        let pools = try arguments.options("--pool").map { text throws in
            try arguments.ipPrefix(text)
        }
        let families = addresses.map(\.afi) + pools.map(\.afi)
        guard Set(families).count == families.count else {
            let repeated = families.first { family in families.filter { $0 == family }.count > 1 }
            let family = repeated == .ipv6 ? "IPv6" : "IPv4"
            let mixed =
                addresses.contains { $0.afi == repeated } && pools.contains { $0.afi == repeated }
            throw arguments.usage(
                mixed
                    ? "give --ip or --pool for \(family), not both"
                    : "give --ip or --pool once per family (two \(family) ones here)")
        }
        return addresses.map(AddressRequest.address) + pools.map(AddressRequest.pool)
    }

    private static func add(_ name: String, _ arguments: inout ArgumentList, _ context: Context)
        throws
    {
        var requests = try requests(&arguments)
        if requests.isEmpty, let word = arguments.peek, !word.hasPrefix("-") {
            requests = [.address(try arguments.ipAddress(arguments.positional("IP")))]
        }
        guard let request = requests.first else {
            throw arguments.usage("missing IP or --pool CIDR")
        }
        guard requests.count == 1 else { throw arguments.usage("give one IP or --pool CIDR") }
        try arguments.finish()

        let (container, address) = try reserve(request, for: name, context)
        do {
            try ContainerNetwork(container: container).addAddress(address)
        } catch {
            try? context.openStore().release(address: address)
            throw error
        }
        print("added address \(address) to container \(name)")
    }

    /// Allocates the address in the store and closes it again before any plumbing: the
    /// close is what a running brindled notices (inotify) to read the commit, so the route
    /// goes out while the interface is still being set up.
    private static func reserve(
        _ request: AddressRequest, for name: String, _ context: Context
    ) throws -> (Container, IPAddress) {
        let store = try context.openStore()
        guard let container = try store.container(named: name) else {
            throw StoreError.containerNotFound(name)
        }
        return (container, try allocate(store, name, request))
    }

    private static func allocate(_ store: Store, _ name: String, _ request: AddressRequest)
        throws -> IPAddress
    {
        switch request {
        case .address(let address):
            try store.assign(container: name, address: address)
            return address
        case .pool(let pool): return try store.allocate(container: name, pool: pool)
        case .family(let afi): return try store.allocate(container: name, family: afi)
        }
    }

    private static func remove(
        _ name: String, _ arguments: inout ArgumentList, _ context: Context
    ) throws {
        let address = try arguments.ipAddress(arguments.positional("IP"))
        try arguments.finish()
        let store = try context.openStore()
        guard let container = try store.container(named: name) else {
            throw StoreError.containerNotFound(name)
        }
        guard
            try store.allocations().contains(where: {
                $0.address == address && $0.container == name
            })
        else { throw arguments.failure("address \(address) is not container \(name)'s") }

        try store.release(address: address)
        do {
            try ContainerNetwork(container: container).removeAddress(address)
        } catch {
            throw PlumbingError(description: "released \(address) in the store, but \(error)")
        }
        print("removed address \(address) from container \(name)")
    }
}
