/// Finds where BGP messages end in a stream of bytes read from a peer.
///
/// The framer reads only the fixed header (RFC 4271 §4.1), so the caller can
/// cut one whole message off its read buffer and hand it to
/// `Message.decode(_:options:)`.
public enum MessageFramer {
    /// The length of the first message in `bytes`, or nil while the buffer
    /// holds less than one whole message.
    ///
    /// - Parameters:
    ///   - bytes: the unread bytes, starting at a message header.
    ///   - maximumLength: the largest message allowed, from `CodecOptions`.
    /// - Throws: Message Header Error 1/1 when the marker is not all ones,
    ///   1/2 with the length field as data when the length is below 19 or
    ///   above `maximumLength` (RFC 4271 §6.1).
    public static func nextMessageLength(
        in bytes: UnsafeRawBufferPointer, maximumLength: Int
    ) throws(NotificationMessage) -> Int? {
        guard bytes.count >= MessageLimits.headerLength else { return nil }
        let length = try headerLength(bytes, maximumLength: maximumLength)
        return bytes.count >= length ? length : nil
    }

    /// Checks the marker and length of the header at the start of `bytes`,
    /// which holds at least 19 bytes, and returns the length field.
    static func headerLength(
        _ bytes: UnsafeRawBufferPointer, maximumLength: Int
    ) throws(NotificationMessage) -> Int {
        // The marker read as two words: one comparison each rather than sixteen.
        let allOnes = UInt64.max
        guard bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self) == allOnes,
            bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self) == allOnes
        else {
            throw NotificationMessage(
                code: .messageHeaderError,
                subcode: MessageHeaderSubcode.connectionNotSynchronized)
        }
        let high = bytes[markerLength]
        let low = bytes[markerLength + 1]
        let length = Int(high) << 8 | Int(low)
        guard length >= MessageLimits.headerLength, length <= maximumLength else {
            throw NotificationMessage.badMessageLength(high, low)
        }
        return length
    }

    /// The length of the all-ones marker that opens every header.
    static let markerLength = 16
}

extension NotificationMessage {
    /// Message Header Error / Bad Message Length, quoting the length field
    /// (RFC 4271 §6.1).
    static func badMessageLength(_ high: UInt8, _ low: UInt8) -> NotificationMessage {
        NotificationMessage(
            code: .messageHeaderError, subcode: MessageHeaderSubcode.badMessageLength,
            data: [high, low])
    }

    /// Message Header Error / Bad Message Length for a message of `length` bytes.
    static func badMessageLength(_ length: Int) -> NotificationMessage {
        badMessageLength(UInt8(truncatingIfNeeded: length >> 8), UInt8(truncatingIfNeeded: length))
    }
}
