import BGPWire
import CLinux

/// Encodes route requests (`nlmsghdr` + `rtmsg` + attributes, linux/rtnetlink.h) and
/// decodes the RTM_NEWROUTE messages of a dump, for IPv4 (AF_INET) and IPv6 (AF_INET6).
///
/// Both families use the same messages and attributes; only `rtm_family` and the size of the
/// addresses in RTA_DST and RTA_GATEWAY (four or sixteen bytes) differ.
enum RouteMessage {
    /// The size of `struct rtmsg`.
    static let headerSize = MemoryLayout<rtmsg>.size

    /// Appends RTM_NEWROUTE with NLM_F_CREATE | NLM_F_REPLACE | NLM_F_ACK for `route`.
    static func appendReplace(
        _ route: KernelRoute, owner: RouteOwner, sequence: UInt32, to writer: inout NetlinkWriter
    ) {
        writer.beginMessage(
            type: .newRoute, flags: [.request, .acknowledge, .create, .replace],
            sequence: sequence)
        appendHeader(
            route.prefix, owner: owner, scope: route.scope, type: UInt8(RTN_UNICAST),
            to: &writer)
        appendKey(route.prefix, owner: owner, metric: owner.metric, to: &writer)
        if let nextHop = route.nextHop {
            writer.appendAttribute(RouteAttribute.gateway, address: nextHop)
        }
        if let interfaceIndex = route.interfaceIndex {
            writer.appendAttribute(
                RouteAttribute.outputInterface, value: UInt32(bitPattern: interfaceIndex))
        }
        writer.endMessage()
    }

    /// Appends RTM_DELROUTE with NLM_F_ACK for our route to `prefix` at `metric`.
    ///
    /// The kernel deletes only a route whose protocol equals a non-zero `rtm_protocol` and
    /// whose metric equals a non-zero `RTA_PRIORITY` (fib_table_delete for IPv4,
    /// ip6_route_del for IPv6); scope RT_SCOPE_NOWHERE and type RTN_UNSPEC match any.
    static func appendDelete(
        _ prefix: IPPrefix, metric: UInt32, owner: RouteOwner, sequence: UInt32,
        to writer: inout NetlinkWriter
    ) {
        writer.beginMessage(
            type: .deleteRoute, flags: [.request, .acknowledge], sequence: sequence)
        appendHeader(
            prefix, owner: owner, scope: .nowhere, type: UInt8(RTN_UNSPEC), to: &writer)
        appendKey(prefix, owner: owner, metric: metric, to: &writer)
        writer.endMessage()
    }

    /// Appends an RTM_GETROUTE dump request with `rtm_family` AF_UNSPEC: the kernel walks
    /// every family's tables in turn (IPv4, IPv6, and multicast routing ones if present) and
    /// ends the whole reply with one NLMSG_DONE.
    static func appendDump(sequence: UInt32, to writer: inout NetlinkWriter) {
        writer.beginMessage(type: .getRoute, flags: [.request, .dump], sequence: sequence)
        var header = rtmsg()
        header.rtm_family = UInt8(AF_UNSPEC)
        writer.append(header)
        writer.endMessage()
    }

    /// Decodes one IPv4 or IPv6 route of a dump; nil for other messages, other families, or
    /// a route whose `rtmsg` or attributes are malformed.
    ///
    /// The kernel reports every IPv6 route with scope universe (rt6_fill_node), so an IPv6
    /// route gets the scope its shape implies instead (see `KernelRoute`).
    static func decode(_ message: NetlinkMessage) -> InstalledRoute? {
        let reader = NetlinkReader(message.payload)
        guard message.type == .newRoute, let header = reader.load(at: 0, as: rtmsg.self),
            let unspecified = IPAddress.unspecified(family: header.rtm_family)
        else { return nil }
        var fields = DecodedFields(family: header.rtm_family, table: UInt32(header.rtm_table))
        guard reader.forEachAttribute(from: headerSize, { fields.take($0, $1) }),
            let prefix = IPPrefix(
                address: fields.destination ?? unspecified, length: header.rtm_dst_len)
        else { return nil }
        let isIPv6 = header.rtm_family == UInt8(AF_INET6)
        let route = KernelRoute(
            prefix: prefix, nextHop: fields.gateway, interfaceIndex: fields.interfaceIndex,
            scope: isIPv6 ? nil : RouteScope(rawValue: header.rtm_scope))
        return InstalledRoute(
            route: route, protocolNumber: header.rtm_protocol, table: fields.table,
            metric: fields.metric)
    }

    // MARK: - Parts

    private static func appendHeader(
        _ prefix: IPPrefix, owner: RouteOwner, scope: RouteScope, type: UInt8,
        to writer: inout NetlinkWriter
    ) {
        // rtm_table holds eight bits; RTA_TABLE carries the whole id and takes precedence.
        let table = owner.table < 256 ? UInt8(owner.table) : UInt8(RT_TABLE_UNSPEC.rawValue)
        writer.append(
            rtmsg(
                rtm_family: prefix.address.netlinkFamily, rtm_dst_len: prefix.length,
                rtm_src_len: 0, rtm_tos: 0, rtm_table: table, rtm_protocol: owner.protocolNumber,
                rtm_scope: scope.rawValue, rtm_type: type, rtm_flags: 0))
    }

    private static func appendKey(
        _ prefix: IPPrefix, owner: RouteOwner, metric: UInt32, to writer: inout NetlinkWriter
    ) {
        writer.appendAttribute(RouteAttribute.table, value: owner.table)
        writer.appendAttribute(RouteAttribute.destination, address: prefix.address)
        writer.appendAttribute(RouteAttribute.priority, value: metric)
    }
}

/// The attributes of one dumped route, collected as they come.
private struct DecodedFields {
    /// `rtm_family`, which sets the size of the addresses.
    var family: UInt8
    var table: UInt32
    var destination: IPAddress?
    var gateway: IPAddress?
    var interfaceIndex: Int32?
    var metric: UInt32 = 0

    /// Takes one attribute; wrong-sized or unknown ones are ignored.
    mutating func take(_ type: RouteAttribute, _ payload: ArraySlice<UInt8>) {
        let reader = NetlinkReader(payload)
        switch type {
        case .destination:
            destination = IPAddress(networkOrder: payload, family: family) ?? destination
        case .gateway: gateway = IPAddress(networkOrder: payload, family: family)
        case .outputInterface: interfaceIndex = reader.load(at: 0, as: Int32.self)
        case .priority: metric = reader.load(at: 0, as: UInt32.self) ?? 0
        case .table: table = reader.load(at: 0, as: UInt32.self) ?? table
        default: break
        }
    }
}
