/// A NOTIFICATION message (RFC 4271 §4.5): an error code, a subcode and data.
public struct NotificationMessage: Sendable, Equatable, Error {
    /// The error code (RFC 4271 §4.5).
    public var code: NotificationCode
    /// The error subcode, 0 when unspecific.
    public var subcode: UInt8
    /// The data field: what the error concerns, or a shutdown communication.
    public var data: [UInt8]

    /// Creates a NOTIFICATION from its fields.
    public init(code: NotificationCode, subcode: UInt8 = 0, data: [UInt8] = []) {
        self.code = code
        self.subcode = subcode
        self.data = data
    }
}

extension NotificationMessage: CustomStringConvertible {
    /// For example `update message error/malformed attribute list (3/1)`, or
    /// `cease/administrative shutdown (6/2): "maintenance"` with a shutdown communication
    /// (RFC 9003), quoted with its control characters escaped.
    public var description: String {
        let text = "\(code.name)/\(code.subcodeName(subcode)) (\(code.rawValue)/\(subcode))"
        guard let shutdownCommunication else { return text }
        return text + ": " + shutdownCommunication.debugDescription
    }
}

/// NOTIFICATION error codes (RFC 4271 §4.5, RFC 7313 §5).
public struct NotificationCode: RawRepresentable, Hashable, Sendable {
    public var rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let messageHeaderError = NotificationCode(rawValue: 1)
    public static let openMessageError = NotificationCode(rawValue: 2)
    public static let updateMessageError = NotificationCode(rawValue: 3)
    public static let holdTimerExpired = NotificationCode(rawValue: 4)
    public static let finiteStateMachineError = NotificationCode(rawValue: 5)
    public static let cease = NotificationCode(rawValue: 6)
    public static let routeRefreshMessageError = NotificationCode(rawValue: 7)

    /// The code's name in lowercase words, for logs and status.
    public var name: String {
        switch self {
        case .messageHeaderError: "message header error"
        case .openMessageError: "open message error"
        case .updateMessageError: "update message error"
        case .holdTimerExpired: "hold timer expired"
        case .finiteStateMachineError: "finite state machine error"
        case .cease: "cease"
        case .routeRefreshMessageError: "route refresh message error"
        default: "code \(rawValue)"
        }
    }

    /// The name of a subcode under this code.
    public func subcodeName(_ subcode: UInt8) -> String {
        let names: [String]
        switch self {
        case .messageHeaderError: names = MessageHeaderSubcode.names
        case .openMessageError: names = OpenMessageSubcode.names
        case .updateMessageError: names = UpdateMessageSubcode.names
        case .cease: names = CeaseSubcode.names
        default: names = ["unspecific"]
        }
        return Int(subcode) < names.count ? names[Int(subcode)] : "subcode \(subcode)"
    }
}

/// Message Header Error subcodes (RFC 4271 §6.1).
public enum MessageHeaderSubcode {
    /// Subcode 1: connection not synchronized.
    public static let connectionNotSynchronized: UInt8 = 1
    /// Subcode 2: bad message length.
    public static let badMessageLength: UInt8 = 2
    /// Subcode 3: bad message type.
    public static let badMessageType: UInt8 = 3
    static let names = [
        "unspecific", "connection not synchronized", "bad message length", "bad message type",
    ]
}

/// OPEN Message Error subcodes (RFC 4271 §6.2, RFC 5492 §5).
public enum OpenMessageSubcode {
    /// Subcode 1: unsupported version number.
    public static let unsupportedVersionNumber: UInt8 = 1
    /// Subcode 2: bad peer AS.
    public static let badPeerAS: UInt8 = 2
    /// Subcode 3: bad BGP identifier.
    public static let badBGPIdentifier: UInt8 = 3
    /// Subcode 4: unsupported optional parameter.
    public static let unsupportedOptionalParameter: UInt8 = 4
    /// Subcode 6: unacceptable hold time.
    public static let unacceptableHoldTime: UInt8 = 6
    /// Subcode 7: unsupported capability.
    public static let unsupportedCapability: UInt8 = 7
    static let names = [
        "unspecific", "unsupported version number", "bad peer as", "bad bgp identifier",
        "unsupported optional parameter", "authentication failure", "unacceptable hold time",
        "unsupported capability",
    ]
}

/// UPDATE Message Error subcodes (RFC 4271 §6.3).
public enum UpdateMessageSubcode {
    /// Subcode 1: malformed attribute list.
    public static let malformedAttributeList: UInt8 = 1
    /// Subcode 2: unrecognized well known attribute.
    public static let unrecognizedWellKnownAttribute: UInt8 = 2
    /// Subcode 3: missing well known attribute.
    public static let missingWellKnownAttribute: UInt8 = 3
    /// Subcode 4: attribute flags error.
    public static let attributeFlagsError: UInt8 = 4
    /// Subcode 5: attribute length error.
    public static let attributeLengthError: UInt8 = 5
    /// Subcode 6: invalid origin attribute.
    public static let invalidOriginAttribute: UInt8 = 6
    /// Subcode 8: invalid next hop attribute.
    public static let invalidNextHopAttribute: UInt8 = 8
    /// Subcode 9: optional attribute error.
    public static let optionalAttributeError: UInt8 = 9
    /// Subcode 10: invalid network field.
    public static let invalidNetworkField: UInt8 = 10
    /// Subcode 11: malformed AS_PATH.
    public static let malformedASPath: UInt8 = 11
    static let names = [
        "unspecific", "malformed attribute list", "unrecognized well-known attribute",
        "missing well-known attribute", "attribute flags error", "attribute length error",
        "invalid origin attribute", "as routing loop", "invalid next hop attribute",
        "optional attribute error", "invalid network field", "malformed as_path",
    ]
}

/// Cease subcodes (RFC 4486, RFC 9003).
public enum CeaseSubcode {
    /// Subcode 1: maximum prefixes reached.
    public static let maximumPrefixesReached: UInt8 = 1
    /// Subcode 2: administrative shutdown.
    public static let administrativeShutdown: UInt8 = 2
    /// Subcode 3: peer deconfigured.
    public static let peerDeconfigured: UInt8 = 3
    /// Subcode 4: administrative reset.
    public static let administrativeReset: UInt8 = 4
    /// Subcode 5: connection rejected.
    public static let connectionRejected: UInt8 = 5
    /// Subcode 6: other configuration change.
    public static let otherConfigurationChange: UInt8 = 6
    /// Subcode 7: connection collision resolution.
    public static let connectionCollisionResolution: UInt8 = 7
    /// Subcode 8: out of resources.
    public static let outOfResources: UInt8 = 8
    static let names = [
        "unspecific", "maximum number of prefixes reached", "administrative shutdown",
        "peer de-configured", "administrative reset", "connection rejected",
        "other configuration change", "connection collision resolution", "out of resources",
    ]
}
