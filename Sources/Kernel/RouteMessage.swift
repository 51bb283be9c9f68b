import BGPWire
import CLinux

/// Encodes route requests (`nlmsghdr` + `rtmsg` + attributes, linux/rtnetlink.h) and
/// decodes the RTM_NEWROUTE messages of a dump.
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
            prefixLength: route.prefix.length, owner: owner, scope: route.scope,
            type: UInt8(RTN_UNICAST), to: &writer)
        appendKey(route.prefix, owner: owner, metric: owner.metric, to: &writer)
        if let nextHop = route.nextHop {
            writer.appendAttribute(.gateway, value: nextHop.rawValue.bigEndian)
        }
        if let interfaceIndex = route.interfaceIndex {
            writer.appendAttribute(.outputInterface, value: UInt32(bitPattern: interfaceIndex))
        }
        writer.endMessage()
    }

    /// Appends RTM_DELROUTE with NLM_F_ACK for our route to `prefix` at `metric`.
    ///
    /// The kernel (fib_table_delete) deletes only a route whose protocol equals a non-zero
    /// `rtm_protocol` and whose metric equals a non-zero `RTA_PRIORITY`; scope
    /// RT_SCOPE_NOWHERE and type RTN_UNSPEC match any.
    static func appendDelete(
        _ prefix: IPv4Prefix, metric: UInt32, owner: RouteOwner, sequence: UInt32,
        to writer: inout NetlinkWriter
    ) {
        writer.beginMessage(
            type: .deleteRoute, flags: [.request, .acknowledge], sequence: sequence)
        appendHeader(
            prefixLength: prefix.length, owner: owner, scope: .nowhere,
            type: UInt8(RTN_UNSPEC), to: &writer)
        appendKey(prefix, owner: owner, metric: metric, to: &writer)
        writer.endMessage()
    }

    /// Appends an RTM_GETROUTE dump request for every IPv4 route.
    static func appendDump(sequence: UInt32, to writer: inout NetlinkWriter) {
        writer.beginMessage(type: .getRoute, flags: [.request, .dump], sequence: sequence)
        var header = rtmsg()
        header.rtm_family = UInt8(AF_INET)
        writer.append(header)
        writer.endMessage()
    }

    /// Decodes one IPv4 route of a dump; nil for other messages, other families, or a
    /// route whose `rtmsg` or attributes are malformed.
    static func decode(_ message: NetlinkMessage) -> InstalledRoute? {
        let reader = NetlinkReader(message.payload)
        guard message.type == .newRoute, let header = reader.load(at: 0, as: rtmsg.self),
            header.rtm_family == UInt8(AF_INET)
        else { return nil }
        var fields = DecodedFields(table: UInt32(header.rtm_table))
        guard reader.forEachAttribute(from: headerSize, { fields.take($0, $1) }),
            let prefix = IPv4Prefix(address: fields.destination, length: header.rtm_dst_len)
        else { return nil }
        let route = KernelRoute(
            prefix: prefix, nextHop: fields.gateway, interfaceIndex: fields.interfaceIndex,
            scope: RouteScope(rawValue: header.rtm_scope))
        return InstalledRoute(
            route: route, protocolNumber: header.rtm_protocol, table: fields.table,
            metric: fields.metric)
    }

    // MARK: - Parts

    private static func appendHeader(
        prefixLength: UInt8, owner: RouteOwner, scope: RouteScope, type: UInt8,
        to writer: inout NetlinkWriter
    ) {
        // rtm_table holds eight bits; RTA_TABLE carries the whole id and takes precedence.
        let table = owner.table < 256 ? UInt8(owner.table) : UInt8(RT_TABLE_UNSPEC.rawValue)
        writer.append(
            rtmsg(
                rtm_family: UInt8(AF_INET), rtm_dst_len: prefixLength, rtm_src_len: 0,
                rtm_tos: 0, rtm_table: table, rtm_protocol: owner.protocolNumber,
                rtm_scope: scope.rawValue, rtm_type: type, rtm_flags: 0))
    }

    private static func appendKey(
        _ prefix: IPv4Prefix, owner: RouteOwner, metric: UInt32, to writer: inout NetlinkWriter
    ) {
        writer.appendAttribute(.table, value: owner.table)
        writer.appendAttribute(.destination, value: prefix.address.rawValue.bigEndian)
        writer.appendAttribute(.priority, value: metric)
    }
}

/// The attributes of one dumped route, collected as they come.
private struct DecodedFields {
    var table: UInt32
    var destination = IPv4Address.zero
    var gateway: IPv4Address?
    var interfaceIndex: Int32?
    var metric: UInt32 = 0

    /// Takes one attribute; wrong-sized or unknown ones are ignored.
    mutating func take(_ type: RouteAttribute, _ payload: ArraySlice<UInt8>) {
        let reader = NetlinkReader(payload)
        switch type {
        case .destination: destination = Self.address(payload) ?? destination
        case .gateway: gateway = Self.address(payload)
        case .outputInterface: interfaceIndex = reader.load(at: 0, as: Int32.self)
        case .priority: metric = reader.load(at: 0, as: UInt32.self) ?? 0
        case .table: table = reader.load(at: 0, as: UInt32.self) ?? table
        default: break
        }
    }

    private static func address(_ payload: ArraySlice<UInt8>) -> IPv4Address? {
        guard payload.count == 4, let value = NetlinkReader(payload).load(at: 0, as: UInt32.self)
        else { return nil }
        return IPv4Address(rawValue: UInt32(bigEndian: value))
    }
}
