extension NotificationMessage {
    /// Decodes the body of a NOTIFICATION, at least two bytes long (RFC 4271 §4.5).
    static func decode(_ body: inout ByteCursor) -> NotificationMessage {
        let code = body.readUInt8() ?? 0
        let subcode = body.readUInt8() ?? 0
        return NotificationMessage(
            code: NotificationCode(rawValue: code), subcode: subcode, data: body.remainingBytes)
    }

    /// Appends the body: code, subcode, data.
    func encode(into buffer: inout [UInt8]) {
        buffer.append(code.rawValue)
        buffer.append(subcode)
        buffer.append(contentsOf: data)
    }
}

/// ROUTE-REFRESH Message Error subcodes (RFC 7313 §5).
public enum RouteRefreshSubcode {
    /// A ROUTE-REFRESH whose length is not 23 bytes.
    public static let invalidMessageLength: UInt8 = 1
}
