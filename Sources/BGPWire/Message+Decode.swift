extension Message {
    /// Decodes one whole message, header included, as cut from the stream
    /// by `MessageFramer`.
    ///
    /// Decoding never traps, whatever the bytes: every field is read through
    /// a bounds-checked cursor.
    ///
    /// - Parameters:
    ///   - bytes: exactly one message.
    ///   - options: what the OPEN exchange negotiated (`CodecOptions.beforeOpen`
    ///     until then).
    /// - Returns: the message. An UPDATE may come back with `treatAsWithdraw`
    ///   set or with `discardedAttributes`, the milder RFC 7606 outcomes.
    /// - Throws: the NOTIFICATION to send before closing the session: header
    ///   errors (RFC 4271 §6.1), OPEN errors (§6.2), UPDATE errors that call
    ///   for a session reset (§6.3, RFC 7606), ROUTE-REFRESH length errors
    ///   (RFC 7313 §5).
    public static func decode(
        _ bytes: UnsafeRawBufferPointer, options: CodecOptions
    ) throws(NotificationMessage) -> Message {
        guard bytes.count >= MessageLimits.headerLength else {
            throw .badMessageLength(bytes.count)
        }
        let length = try MessageFramer.headerLength(
            bytes, maximumLength: options.maximumMessageLength)
        guard length == bytes.count else { throw .badMessageLength(length) }

        let type = MessageType(rawValue: bytes[MessageLimits.headerLength - 1])
        try checkLength(length, of: type, in: bytes)

        var body = ByteCursor(bytes)
        _ = body.skip(MessageLimits.headerLength)
        return try decodeBody(&body, type: type, options: options)
    }

    /// Decodes the part after the header, whose length suits `type`. Inlined, so that the
    /// message is built where `decode` returns it rather than copied there.
    @inline(__always)
    private static func decodeBody(
        _ body: inout ByteCursor, type: MessageType, options: CodecOptions
    ) throws(NotificationMessage) -> Message {
        switch type {
        case .open: return .open(try OpenMessage.decode(&body))
        case .update:
            return .update(try UpdateDecoder(options: UpdateDecodingOptions(options)).decode(body))
        case .notification: return .notification(NotificationMessage.decode(&body))
        case .keepalive: return .keepalive
        default: return .routeRefresh(RouteRefreshMessage.decode(&body))
        }
    }

    /// Checks the message length against its type (RFC 4271 §6.1, RFC 7313 §5)
    /// and rejects unknown types.
    private static func checkLength(
        _ length: Int, of type: MessageType, in bytes: UnsafeRawBufferPointer
    ) throws(NotificationMessage) {
        switch type {
        case .open where length < 29, .update where length < 23,
            .notification where length < 21, .keepalive where length != 19:
            throw .badMessageLength(length)
        case .open, .update, .notification, .keepalive:
            return
        case .routeRefresh where length != 23:
            // RFC 7313 §5: the data is the complete ROUTE-REFRESH message.
            throw NotificationMessage(
                code: .routeRefreshMessageError, subcode: RouteRefreshSubcode.invalidMessageLength,
                data: Array(bytes))
        case .routeRefresh:
            return
        default:
            throw NotificationMessage(
                code: .messageHeaderError, subcode: MessageHeaderSubcode.badMessageType,
                data: [type.rawValue])
        }
    }
}
