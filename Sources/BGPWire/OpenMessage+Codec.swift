extension OpenMessage {
    /// Decodes the body of an OPEN, at least ten bytes long (RFC 4271 §4.2).
    ///
    /// The peer's AS is not checked here: only the session knows which AS
    /// to expect (RFC 4271 §6.2, Bad Peer AS).
    ///
    /// - Throws: OPEN Message Error with subcode 1 (version other than 4),
    ///   6 (hold time 1 or 2), 3 (identifier 0.0.0.0), 4 (an optional
    ///   parameter other than capabilities) or 0 (a malformed parameter).
    static func decode(_ body: inout ByteCursor) throws(NotificationMessage) -> OpenMessage {
        guard let version = body.readUInt8(), let myAutonomousSystem = body.readUInt16(),
            let holdTime = body.readUInt16(), let identifier = body.readUInt32()
        else { throw .malformedOpen }

        guard version == 4 else {
            // RFC 4271 §6.2: the data names the largest version we support.
            throw NotificationMessage(
                code: .openMessageError, subcode: OpenMessageSubcode.unsupportedVersionNumber,
                data: [0, 4])
        }
        guard holdTime == 0 || holdTime >= 3 else {
            throw NotificationMessage(
                code: .openMessageError, subcode: OpenMessageSubcode.unacceptableHoldTime)
        }
        guard identifier != 0 else {
            throw NotificationMessage(
                code: .openMessageError, subcode: OpenMessageSubcode.badBGPIdentifier)
        }

        return OpenMessage(
            version: version, myAutonomousSystem: myAutonomousSystem, holdTime: holdTime,
            bgpIdentifier: IPv4Address(rawValue: identifier),
            capabilities: try decodeParameters(&body))
    }

    /// Decodes the optional parameters into the capabilities they carry, in
    /// the one-octet form of RFC 4271 or the extended form of RFC 9072.
    private static func decodeParameters(
        _ body: inout ByteCursor
    ) throws(NotificationMessage) -> [Capability] {
        guard var length = body.readUInt8().map(Int.init) else { throw .malformedOpen }
        // RFC 9072 §2: a length of 255 followed by a type of 255 announces a
        // two-octet length and two-octet parameter lengths.
        let extended = length == 255 && body.peekUInt8() == 255
        if extended {
            _ = body.readUInt8()
            guard let extendedLength = body.readUInt16() else { throw .malformedOpen }
            length = Int(extendedLength)
        }

        // The parameters must fill the rest of the message exactly; a length
        // that disagrees is a malformed parameter block (RFC 4271 §6.2, 2/0).
        guard length == body.remaining, var block = body.take(length) else {
            throw .malformedOpen
        }
        var capabilities: [Capability] = []
        while !block.isAtEnd {
            try decodeParameter(&block, extended: extended, into: &capabilities)
        }
        return capabilities
    }

    /// Decodes one optional parameter, which must be Capabilities (RFC 5492 §4).
    private static func decodeParameter(
        _ block: inout ByteCursor, extended: Bool, into capabilities: inout [Capability]
    ) throws(NotificationMessage) {
        guard let type = block.readUInt8(),
            let length = extended
                ? block.readUInt16().map(Int.init) : block.readUInt8().map(Int.init),
            var value = block.take(length)
        else { throw .malformedOpen }
        guard type == OpenMessage.capabilitiesParameter else {
            throw NotificationMessage(
                code: .openMessageError, subcode: OpenMessageSubcode.unsupportedOptionalParameter)
        }
        while !value.isAtEnd {
            capabilities.append(try decodeCapability(&value))
        }
    }

    /// Decodes one capability triple: code, length, value (RFC 5492 §4).
    private static func decodeCapability(
        _ value: inout ByteCursor
    ) throws(NotificationMessage) -> Capability {
        // RFC 4271 §6.2: a recognized optional parameter that is malformed
        // (here, a capability running past its parameter) gets subcode 0.
        guard let code = value.readUInt8(), let length = value.readUInt8(),
            let bytes = value.take(Int(length))
        else { throw .malformedOpen }
        return Capability(code: CapabilityCode(rawValue: code), value: bytes.remainingBytes)
    }

    /// Appends the body: the fixed fields, then every capability in one
    /// Capabilities parameter (RFC 5492 §4), in the extended form of RFC 9072
    /// when they take more than the 253 bytes a one-octet length allows.
    func encode(into buffer: inout [UInt8]) {
        buffer.append(version)
        buffer.appendUInt16(myAutonomousSystem)
        buffer.appendUInt16(holdTime)
        buffer.appendUInt32(bgpIdentifier.rawValue)

        let capabilitiesLength = capabilities.reduce(0) { $0 + 2 + $1.value.count }
        if capabilitiesLength + 2 <= 255 {
            buffer.append(UInt8(capabilitiesLength + 2))
            buffer.append(OpenMessage.capabilitiesParameter)
            buffer.append(UInt8(capabilitiesLength))
        } else {
            precondition(capabilitiesLength + 3 <= Int(UInt16.max), "capabilities fit an OPEN")
            buffer += [255, 255]
            buffer.appendUInt16(UInt16(capabilitiesLength + 3))
            buffer.append(OpenMessage.capabilitiesParameter)
            buffer.appendUInt16(UInt16(capabilitiesLength))
        }
        for capability in capabilities {
            precondition(capability.value.count <= 255, "a capability value fits its length")
            buffer.append(capability.code.rawValue)
            buffer.append(UInt8(capability.value.count))
            buffer.append(contentsOf: capability.value)
        }
    }

    /// The optional parameter type that carries capabilities (RFC 5492 §4).
    static let capabilitiesParameter: UInt8 = 2
}

extension NotificationMessage {
    /// OPEN Message Error, unspecific: a malformed optional parameter.
    static let malformedOpen = NotificationMessage(code: .openMessageError, subcode: 0)
}
