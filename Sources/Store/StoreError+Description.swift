import BGPWire

extension StoreError: CustomStringConvertible {
    /// One line, lowercase, no trailing period, naming the object and the way out.
    public var description: String {
        let groups: [String?] = [
            fileDescription, valueDescription, poolDescription, nodeDescription,
            peerDescription, listenRangeDescription, containerDescription,
        ]
        guard let text = groups.compactMap({ $0 }).first else {
            preconditionFailure("every StoreError case has a description")
        }
        return text
    }

    private static func scope(_ node: String?) -> String {
        node.map { "node \($0)" } ?? "global"
    }

    private var fileDescription: String? {
        switch self {
        case .notAStore(let path, let reason): "\(path) is not a brindle store: \(reason)"
        case .badRow(let table, let detail):
            "the store's \(table) table holds \(detail); it was changed outside brindlectl"
        case .corrupt(let path, let detail):
            "store \(path) failed its integrity check (\(detail)); restore it from a backup"
        case .newerSchema(let path, let version):
            "store \(path) has schema version \(version), newer than this brindle knows"
        case .sqlite(let operation, let code, let message):
            "sqlite: \(operation) failed: \(message) (code \(code))"
        default: nil
        }
    }

    private var valueDescription: String? {
        switch self {
        case .invalidName(let kind, let name):
            "'\(name)' is not a valid \(kind) name (1 to 63 letters, digits, '.', '-', '_')"
        case .reservedASNumber(let number): "AS \(number) is reserved and cannot be used"
        case .unusableAddress(let address, let reason):
            "\(address) is \(reason), not the address of a host or router"
        case .addressInPool(let address, let pool):
            "\(address) lies in pool \(pool), which is for container addresses"
        default: nil
        }
    }

    private var poolDescription: String? {
        switch self {
        case .poolExists(let cidr): "pool \(cidr) exists already"
        case .poolOverlaps(let cidr, let existing): "pool \(cidr) overlaps pool \(existing)"
        case .poolOverlapsListenRange(let cidr, let range):
            "pool \(cidr) overlaps listen range \(range), which is for BGP speakers"
        case .poolNotFound(let cidr): "pool \(cidr) does not exist"
        case .poolInUse(let cidr, let count):
            "pool \(cidr) has \(count) allocated address\(count == 1 ? "" : "es"); "
                + "remove the containers first"
        case .poolDisabled(let cidr): "pool \(cidr) is disabled"
        case .poolExhausted(let cidr): "pool \(cidr) has no free address"
        case .noFreeAddress(let afi): "no enabled \(afi.name) pool has a free address"
        case .ipipNeedsIPv4(let cidr):
            "pool \(cidr) is IPv6, and IP-in-IP carries only IPv4; add it without ip-in-ip"
        case .poolTooLarge(let cidr, let shortest):
            "pool \(cidr) is too large; an IPv6 pool is /\(shortest) to /128"
        case .unusablePool(let cidr, let reason):
            "pool \(cidr) cannot hold containers: \(cidr.address) is \(reason)"
        default: nil
        }
    }

    private var peerDescription: String? {
        switch self {
        case .peerExists(let address, let node):
            "bgp peer \(address) (\(Self.scope(node))) exists already"
        case .peerNotFound(let address, let node):
            "bgp peer \(address) (\(Self.scope(node))) does not exist"
        case .invalidMaxPrefixes(let limit):
            "a bgp peer's prefix limit must be from 1 to \(BGPPeer.maximumLimitValue), "
                + "not \(limit)"
        case .invalidMaxPrefixRestart(let seconds):
            "a bgp peer's restart time must be from 1 to \(BGPPeer.maximumLimitValue) "
                + "seconds, not \(seconds)"
        case .maxPrefixRestartWithoutLimit: "a bgp peer's restart time needs a prefix limit"
        default: nil
        }
    }

    private var listenRangeDescription: String? {
        switch self {
        case .listenRangeExists(let prefix): "listen range \(prefix) exists already"
        case .listenRangeOverlaps(let prefix, let existing):
            "listen range \(prefix) overlaps listen range \(existing)"
        case .listenRangeOverlapsPool(let prefix, let pool):
            "listen range \(prefix) overlaps pool \(pool), which is for container addresses"
        case .listenRangeNotFound(let prefix): "listen range \(prefix) does not exist"
        case .invalidPeerLimit(let limit):
            "a listen range's peer limit must be at least 1, not \(limit)"
        default: nil
        }
    }

    private var nodeDescription: String? {
        switch self {
        case .nodeExists(let name): "node \(name) exists already"
        case .nodeNotFound(let name): "node \(name) does not exist; add it with 'node add'"
        case .nodeAddressInUse(let address, let node): "address \(address) is node \(node)'s"
        case .nodeInUse(let name, let containers, let peers):
            "node \(name) has \(containers) container(s) and \(peers) bgp peer(s); "
                + "remove them first"
        case .clusterIDWithoutRouteReflector(let name):
            "node \(name) would not be a route reflector, so it takes no cluster id"
        case .zeroClusterID(let name):
            "node \(name) cannot have cluster id 0.0.0.0; without one it uses its router id"
        default: nil
        }
    }

    private var containerDescription: String? {
        switch self {
        case .containerExists(let name): "container \(name) exists already"
        case .containerNotFound(let name): "container \(name) does not exist"
        case .interfaceInUse(let name, let container):
            "host interface \(name) is used by container \(container)"
        case .addressNotInPool(let address): "address \(address) lies in no pool"
        case .addressInDisabledPool(let address, let pool):
            "address \(address) lies in disabled pool \(pool)"
        case .addressTaken(let address, let container):
            "address \(address) is allocated to container \(container)"
        case .addressNotAllocated(let address): "address \(address) is not allocated"
        default: nil
        }
    }
}
