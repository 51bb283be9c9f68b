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

    /// Reads `--ip IP` or `--pool CIDR` (at most one) into an address request; neither
    /// means any enabled pool.
    static func request(_ arguments: inout ArgumentList) throws -> AddressRequest {
        let ip = try arguments.option("--ip")
        let pool = try arguments.option("--pool")
        switch (ip, pool) {
        case (let ip?, nil): return .address(try arguments.address(ip))
        case (nil, let pool?): return .pool(try arguments.prefix(pool))
        case (nil, nil): return .pool(nil)
        case (_?, _?): throw arguments.usage("give --ip or --pool, not both")
        }
    }

    private static func add(_ name: String, _ arguments: inout ArgumentList, _ context: Context)
        throws
    {
        var request = try request(&arguments)
        if request == .pool(nil), let word = arguments.peek, !word.hasPrefix("-") {
            request = .address(try arguments.address(arguments.positional("IP")))
        }
        guard request != .pool(nil) else { throw arguments.usage("missing IP or --pool CIDR") }
        try arguments.finish()

        let store = try context.openStore()
        guard let container = try store.container(named: name) else {
            throw StoreError.containerNotFound(name)
        }
        let address = try allocate(store, name, request)
        do {
            try ContainerNetwork(container: container).addAddress(address)
        } catch {
            try? store.release(address: address)
            throw error
        }
        print("added address \(address) to container \(name)")
    }

    private static func allocate(_ store: Store, _ name: String, _ request: AddressRequest)
        throws -> IPv4Address
    {
        switch request {
        case .address(let address):
            try store.assign(container: name, address: address)
            return address
        case .pool(let pool): return try store.allocate(container: name, pool: pool)
        }
    }

    private static func remove(
        _ name: String, _ arguments: inout ArgumentList, _ context: Context
    ) throws {
        let address = try arguments.address(arguments.positional("IP"))
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
