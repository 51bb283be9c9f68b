extension RouteRefreshMessage {
    /// Decodes the four-byte body: AFI, the subtype octet, SAFI (RFC 2918 §3,
    /// RFC 7313 §3).
    static func decode(_ body: inout ByteCursor) -> RouteRefreshMessage {
        let afi = body.readUInt16() ?? 0
        let subtype = body.readUInt8() ?? 0
        let safi = body.readUInt8() ?? 0
        return RouteRefreshMessage(
            family: AddressFamily(afi: AFI(rawValue: afi), safi: SAFI(rawValue: safi)),
            subtype: RouteRefreshSubtype(rawValue: subtype))
    }

    /// Appends the body: AFI, subtype, SAFI.
    func encode(into buffer: inout [UInt8]) {
        buffer.appendUInt16(family.afi.rawValue)
        buffer.append(subtype.rawValue)
        buffer.append(family.safi.rawValue)
    }
}
