import BGPWire

/// The libFuzzer entry point: every input is a byte stream as read from a peer.
///
/// The stream is cut into messages with `MessageFramer` and each is checked by
/// `RoundTripCheck` under both AS sizes; the whole input is also decoded as one message.
/// Decoded UPDATEs then go through `RIBDriver`, alternating between its internal and its
/// external peer. A trap anywhere, in the codec, the RIB or a check, is a finding.
///
/// Built only by `scripts/fuzz` (`swiftc -sanitize=fuzzer,address`), never by SwiftPM.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let input = UnsafeRawBufferPointer(start: data, count: size)
    for options in FuzzEntry.sessions { _ = RoundTripCheck(options: options).check(input) }

    let driver = RIBDriver()
    for (index, message) in FuzzEntry.messages(in: input).enumerated() {
        let fromInternal = index % 2 == 0
        let options = FuzzEntry.sessions[fromInternal ? 0 : 1]
        let decoded = RoundTripCheck(options: options).check(message)
        _ = RoundTripCheck(options: FuzzEntry.sessions[fromInternal ? 1 : 0]).check(message)
        if case .update(let update) = decoded {
            driver.receive(update, fromInternal: fromInternal)
        }
    }
    driver.finish()
    return 0
}

/// The pieces of `fuzzOneInput` that are not the entry point itself.
enum FuzzEntry {
    /// The sessions fuzzed: four-octet ASes, then two-octet (RFC 6793), then four-octet
    /// with ADD-PATH both ways for IPv4 and IPv6 unicast (RFC 7911), for the codec only.
    static let sessions = [
        CodecOptions(fourOctetAS: true), CodecOptions(fourOctetAS: false),
        CodecOptions(
            fourOctetAS: true, addPathReceive: [.ipv4Unicast, .ipv6Unicast],
            addPathSend: [.ipv4Unicast, .ipv6Unicast]),
    ]

    /// The whole messages at the front of `stream`, up to the first framing error or
    /// incomplete message, as the session's read loop would cut them.
    static func messages(in stream: UnsafeRawBufferPointer) -> [UnsafeRawBufferPointer] {
        var messages: [UnsafeRawBufferPointer] = []
        var rest = stream[...]
        let maximum = CodecOptions().maximumMessageLength
        while let length = try? MessageFramer.nextMessageLength(
            in: UnsafeRawBufferPointer(rebasing: rest), maximumLength: maximum)
        {
            messages.append(UnsafeRawBufferPointer(rebasing: rest.prefix(length)))
            rest = rest.dropFirst(length)
        }
        return messages
    }
}
