/// The shutdown communication of RFC 9003: a short UTF-8 text an operator gives with a
/// Cease for an administrative shutdown or reset, carried as a length octet and the text.
extension NotificationMessage {
    /// The longest text the length octet can count, in UTF-8 bytes (RFC 9003 §2).
    public static let maximumShutdownCommunicationLength = 255

    /// A Cease with a shutdown communication (RFC 9003 §2): `communication` cut to at most
    /// 255 bytes at a UTF-8 boundary, after its length octet.
    ///
    /// - Precondition: `subcode` is administrative shutdown or administrative reset, the
    ///   only Cease subcodes that carry a communication.
    public static func cease(subcode: UInt8, communication: String) -> NotificationMessage {
        precondition(carriesCommunication(subcode), "only shutdown and reset carry a text")
        var text: [UInt8] = []
        for scalar in communication.unicodeScalars {
            let bytes = String(scalar).utf8
            guard text.count + bytes.count <= maximumShutdownCommunicationLength else { break }
            text.append(contentsOf: bytes)
        }
        return NotificationMessage(code: .cease, subcode: subcode, data: [UInt8(text.count)] + text)
    }

    /// The text of a Cease for an administrative shutdown or reset (RFC 9003 §2); nil for
    /// other messages, with no or an empty text, and when the length octet disagrees with
    /// the data or the text is not UTF-8 (RFC 9003 asks only that such a case be logged).
    public var shutdownCommunication: String? {
        guard code == .cease, Self.carriesCommunication(subcode), let length = data.first,
            length > 0, data.count == 1 + Int(length)
        else { return nil }
        return String(validating: data.dropFirst(), as: UTF8.self)
    }

    /// Whether a Cease subcode is one RFC 9003 §2 gives a communication to.
    private static func carriesCommunication(_ subcode: UInt8) -> Bool {
        subcode == CeaseSubcode.administrativeShutdown
            || subcode == CeaseSubcode.administrativeReset
    }
}
