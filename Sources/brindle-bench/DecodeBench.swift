import BGPWire

/// Scenario S5: the UPDATEs a sender would send for the table, decoded over and over with
/// BGPWire's public decoder on the calling thread, counting prefixes per second.
enum DecodeBench {
    /// The sender identity the messages are encoded for: the first sender of `run`.
    static let senderAS: UInt32 = 65001
    /// The NEXT_HOP the messages carry (TEST-NET-1, RFC 5737).
    static let nextHop = IPv4Address(192, 0, 2, 1)

    /// The measurement of one `decode`.
    struct Measurement {
        /// Prefixes decoded.
        var prefixes = 0
        /// Seconds spent decoding.
        var seconds = 0.0
        /// Prefixes per second.
        var rate: Double { seconds > 0 ? Double(prefixes) / seconds : 0 }
    }

    /// Decodes the stream of `table` in full passes until `seconds` have gone by.
    /// - Throws: the NOTIFICATION the decoder raised, should our own encoding be refused.
    static func run(table: BenchTable, seconds: Double) throws(NotificationMessage) -> Measurement {
        let options = CodecOptions(fourOctetAS: true)
        let stream = UpdateStream(
            table: table, ranges: [0..<table.count], senderAS: senderAS, nextHop: nextHop,
            options: options)
        var result = Measurement()
        let begin = monotonicSeconds()
        repeat {
            result.prefixes += try decodeAll(stream.bytes, options: options)
            result.seconds = monotonicSeconds() - begin
        } while result.seconds < seconds
        return result
    }

    /// Decodes every message of `bytes` and returns the prefixes announced.
    static func decodeAll(_ bytes: [UInt8], options: CodecOptions) throws(NotificationMessage)
        -> Int
    {
        try bytes.withUnsafeBytes { all in
            Result { () throws(NotificationMessage) in try decodeAll(all, options: options) }
        }.get()
    }

    private static func decodeAll(
        _ all: UnsafeRawBufferPointer, options: CodecOptions
    ) throws(NotificationMessage) -> Int {
        var (offset, prefixes) = (0, 0)
        while let length = try MessageFramer.nextMessageLength(
            in: UnsafeRawBufferPointer(rebasing: all[offset...]), maximumLength: 4096)
        {
            let message = try Message.decode(
                UnsafeRawBufferPointer(rebasing: all[offset..<offset + length]), options: options)
            if case .update(let update) = message { prefixes += update.nlri.count }
            offset += length
        }
        return prefixes
    }
}
