import BGPWire

/// Who announces what: the address arithmetic that ties clients, prefixes and the
/// attributes a reflected route must carry together.
///
/// Client `i` has address `firstClient + i`, which is also its BGP identifier, and
/// announces the /32s `prefixBase + i * routesPerClient` up to the next client's first.
struct LoadPlan: Sendable {
    /// How many clients take part.
    let clientCount: Int
    /// How many /32s each client announces.
    let routesPerClient: Int
    /// The first client's address.
    let firstClient: IPv4Address
    /// The first announced /32.
    let prefixBase: IPv4Address
    /// The cluster id the reflector must put in CLUSTER_LIST, and nothing else.
    let clusterID: IPv4Address

    /// All routes announced, by all clients together.
    var totalRoutes: Int { clientCount * routesPerClient }

    /// The routes all clients must hold at the end: each one every other's.
    var expectedRoutes: Int { clientCount * (clientCount - 1) * routesPerClient }

    /// Client `index`'s address, source of its session and its BGP identifier.
    func clientAddress(_ index: Int) -> IPv4Address {
        IPv4Address(rawValue: firstClient.rawValue + UInt32(index))
    }

    /// The client whose address `address` is, if any.
    func clientIndex(of address: IPv4Address) -> Int? {
        let offset = Int(address.rawValue) - Int(firstClient.rawValue)
        return (0..<clientCount).contains(offset) ? offset : nil
    }

    /// The /32s client `index` announces.
    func prefixes(of index: Int) -> [IPv4Prefix] {
        let start = prefixBase.rawValue + UInt32(index * routesPerClient)
        return (0..<UInt32(routesPerClient)).map {
            IPv4Prefix.host(IPv4Address(rawValue: start + $0))
        }
    }

    /// The number of an announced route, 0 up to `totalRoutes`, from its prefix; nil for
    /// a prefix no client announces.
    func routeNumber(of prefix: IPv4Prefix) -> Int? {
        guard prefix.length == 32 else { return nil }
        let offset = Int(prefix.address.rawValue) - Int(prefixBase.rawValue)
        return (0..<totalRoutes).contains(offset) ? offset : nil
    }

    /// The prefix of route number `number`.
    func prefix(ofRoute number: Int) -> IPv4Prefix {
        IPv4Prefix.host(IPv4Address(rawValue: prefixBase.rawValue + UInt32(number)))
    }

    /// The client that announces route number `number`.
    func origin(ofRoute number: Int) -> Int { number / routesPerClient }

    /// What is wrong with the attributes of a route reflected from client `origin`: nil
    /// when NEXT_HOP and ORIGINATOR_ID are the origin's address (RFC 4456 §8: the
    /// originator is the client that sent the route into the cluster) and CLUSTER_LIST is
    /// exactly this cluster.
    func problem(with attributes: PathAttributes, fromClient origin: Int) -> String? {
        let expected = clientAddress(origin)
        if attributes.nextHop != expected {
            return "next hop \(Self.show(attributes.nextHop)), want \(expected)"
        }
        if attributes.originatorID != expected {
            return "originator id \(Self.show(attributes.originatorID)), want \(expected)"
        }
        if attributes.clusterList != [clusterID] {
            let list = attributes.clusterList.map(\.description).joined(separator: " ")
            return "cluster list [\(list)], want [\(clusterID)]"
        }
        return nil
    }

    private static func show(_ address: IPv4Address?) -> String {
        address.map(\.description) ?? "none"
    }
}

extension LoadPlan {
    /// The plan the command line describes.
    init(_ options: LoadOptions) {
        self.init(
            clientCount: options.clientCount, routesPerClient: options.routesPerClient,
            firstClient: options.firstClient, prefixBase: options.prefixBase,
            clusterID: options.clusterID)
    }
}
