/// A NOTIFICATION message (RFC 4271 §4.5): an error code, a subcode and data.
public struct NotificationMessage: Sendable, Equatable, Error {
    public var code: NotificationCode
    public var subcode: UInt8
    public var data: [UInt8]

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
    public static let connectionNotSynchronized: UInt8 = 1
    public static let badMessageLength: UInt8 = 2
    public static let badMessageType: UInt8 = 3
    static let names = [
        "unspecific", "connection not synchronized", "bad message length", "bad message type",
    ]
}

/// OPEN Message Error subcodes (RFC 4271 §6.2, RFC 5492 §5).
public enum OpenMessageSubcode {
    public static let unsupportedVersionNumber: UInt8 = 1
    public static let badPeerAS: UInt8 = 2
    public static let badBGPIdentifier: UInt8 = 3
    public static let unsupportedOptionalParameter: UInt8 = 4
    public static let unacceptableHoldTime: UInt8 = 6
    public static let unsupportedCapability: UInt8 = 7
    static let names = [
        "unspecific", "unsupported version number", "bad peer as", "bad bgp identifier",
        "unsupported optional parameter", "authentication failure", "unacceptable hold time",
        "unsupported capability",
    ]
}

/// UPDATE Message Error subcodes (RFC 4271 §6.3).
public enum UpdateMessageSubcode {
    public static let malformedAttributeList: UInt8 = 1
    public static let unrecognizedWellKnownAttribute: UInt8 = 2
    public static let missingWellKnownAttribute: UInt8 = 3
    public static let attributeFlagsError: UInt8 = 4
    public static let attributeLengthError: UInt8 = 5
    public static let invalidOriginAttribute: UInt8 = 6
    public static let invalidNextHopAttribute: UInt8 = 8
    public static let optionalAttributeError: UInt8 = 9
    public static let invalidNetworkField: UInt8 = 10
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
    public static let maximumPrefixesReached: UInt8 = 1
    public static let administrativeShutdown: UInt8 = 2
    public static let peerDeconfigured: UInt8 = 3
    public static let administrativeReset: UInt8 = 4
    public static let connectionRejected: UInt8 = 5
    public static let otherConfigurationChange: UInt8 = 6
    public static let connectionCollisionResolution: UInt8 = 7
    public static let outOfResources: UInt8 = 8
    static let names = [
        "unspecific", "maximum number of prefixes reached", "administrative shutdown",
        "peer de-configured", "administrative reset", "connection rejected",
        "other configuration change", "connection collision resolution", "out of resources",
    ]
}
