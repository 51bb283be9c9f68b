/// A BGP-4 message (RFC 4271 §4), decoded.
public enum Message: Sendable, Equatable {
    case open(OpenMessage)
    case update(UpdateMessage)
    case notification(NotificationMessage)
    case keepalive
    case routeRefresh(RouteRefreshMessage)

    /// The type code this message carries in its header.
    public var type: MessageType {
        switch self {
        case .open: .open
        case .update: .update
        case .notification: .notification
        case .keepalive: .keepalive
        case .routeRefresh: .routeRefresh
        }
    }
}

/// The message type octet of the BGP header (RFC 4271 §4.1, RFC 2918 §3).
public struct MessageType: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let open = MessageType(rawValue: 1)
    public static let update = MessageType(rawValue: 2)
    public static let notification = MessageType(rawValue: 3)
    public static let keepalive = MessageType(rawValue: 4)
    public static let routeRefresh = MessageType(rawValue: 5)
}

/// Limits of the BGP header (RFC 4271 §4.1, RFC 8654).
public enum MessageLimits {
    /// The length of the fixed header: marker, length and type.
    public static let headerLength = 19
    /// The largest message without the extended message capability.
    public static let maximumLength = 4096
    /// The largest message with the extended message capability (RFC 8654).
    public static let maximumExtendedLength = 65535
}
