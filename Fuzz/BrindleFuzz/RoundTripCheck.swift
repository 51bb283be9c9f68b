import BGPWire

/// Decodes one message, re-encodes what decoded and decodes that again, trapping when the
/// round trip is not stable.
///
/// Stable means: the re-encoded message decodes under the same options, with no attribute
/// discarded and treat-as-withdraw only if the original had it (RFC 7606 outcomes describe
/// the received bytes and the encoder writes only well-formed attributes); it equals the
/// original apart from those two fields and from what the encoder rightly changes in
/// unrecognized attributes: it sets Partial on optional transitive ones (RFC 4271 §5), sets
/// Extended Length exactly when the value needs it (§4.3) and sorts them by type (§5, SHOULD);
/// and encoding it again gives the same bytes.
struct RoundTripCheck {
    /// The session options used to decode and to encode.
    let options: CodecOptions

    /// Runs the check on `bytes`, returning the first decoding, or nil when it threw.
    func check(_ bytes: UnsafeRawBufferPointer) -> Message? {
        guard let first = try? Message.decode(bytes, options: options) else { return nil }
        let encoded = first.encode(options: options)
        guard let second = decode(encoded) else {
            fatalError("round trip: re-encoded \(first) does not decode: \(hex(encoded))")
        }
        guard Self.normalized(first, like: second) == second else {
            fatalError("round trip: \(first) came back as \(second)")
        }
        guard second.encode(options: options) == encoded else {
            fatalError("round trip: \(second) encodes unlike \(hex(encoded))")
        }
        return first
    }

    private func decode(_ bytes: [UInt8]) -> Message? {
        bytes.withUnsafeBytes { try? Message.decode($0, options: options) }
    }

    /// `first` as the decoder should give it back after a round trip, keeping the RFC 7606
    /// fields of `second` when they are allowed.
    private static func normalized(_ first: Message, like second: Message) -> Message {
        guard case .update(var update) = first, case .update(let again) = second else {
            return first
        }
        if update.treatAsWithdraw { update.treatAsWithdraw = again.treatAsWithdraw }
        update.discardedAttributes = []
        update.pathAttributes.unrecognized = sortedByType(update.pathAttributes.unrecognized)
            .map(reencoded)
        return .update(update)
    }

    /// `attributes` sorted by type, keeping the order of repeated types.
    private static func sortedByType(_ attributes: [RawAttribute]) -> [RawAttribute] {
        attributes.enumerated()
            .sorted { first, second in
                (first.element.type.rawValue, first.offset)
                    < (second.element.type.rawValue, second.offset)
            }
            .map(\.element)
    }

    /// `attribute` with the flags the encoder gives it.
    private static func reencoded(_ attribute: RawAttribute) -> RawAttribute {
        var flags = attribute.flags.subtracting(.extendedLength)
        if flags.isSuperset(of: [.optional, .transitive]) { flags.insert(.partial) }
        if attribute.value.count > 255 { flags.insert(.extendedLength) }
        return RawAttribute(flags: flags, type: attribute.type, value: attribute.value)
    }
}

/// `bytes` as hex, for trap messages.
func hex(_ bytes: some Sequence<UInt8>) -> String {
    bytes.map { byte in
        let digits = String(byte, radix: 16)
        return digits.count == 1 ? "0" + digits : digits
    }
    .joined()
}
