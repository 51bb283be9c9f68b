import Foundation
import Testing

@testable import BGPWire

/// Replays what `scripts/fuzz` kept in `Fixtures/fuzz/`: the corpus, and every input that
/// once trapped. Each input is a byte stream from a peer; every message cut from it, and the
/// whole input as one message, must decode or throw without trapping under both AS sizes
/// (RFC 6793), and what decodes must survive a round trip through the encoder.
struct FuzzRegressionTests {
    /// `Fixtures/fuzz`, found from this file's path.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/fuzz")

    /// The names of the files in `Fixtures/fuzz/<folder>`, sorted; none if it is missing.
    static func names(in folder: String) -> [String] {
        let path = directory.appendingPathComponent(folder).path
        let files = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return files.filter { !$0.hasPrefix(".") }.sorted()
    }

    static func bytes(_ folder: String, _ name: String) throws -> [UInt8] {
        let url = directory.appendingPathComponent(folder).appendingPathComponent(name)
        return Array(try Data(contentsOf: url))
    }

    @Test("the fuzz corpus is present and small")
    func corpusIsBounded() throws {
        let names = Self.names(in: "corpus")
        #expect(!names.isEmpty)
        #expect(names.count <= 300)
        for name in names { #expect(try Self.bytes("corpus", name).count <= 4096) }
    }

    @Test("a corpus input decodes or throws, and round-trips", arguments: names(in: "corpus"))
    func corpusInput(_ name: String) throws {
        try checkStream(Self.bytes("corpus", name))
    }

    /// Crash inputs whose bug is not fixed yet, with what goes wrong. Their checks run as
    /// known issues, so the test says when a fix lands.
    static let knownBugs: [String: Comment] = [:]

    @Test("an input that once trapped now decodes or throws", arguments: names(in: "crashes"))
    func crashInput(_ name: String) throws {
        let bytes = try Self.bytes("crashes", name)
        guard let bug = Self.knownBugs[name] else { return try checkStream(bytes) }
        withKnownIssue(bug) { try checkStream(bytes) }
    }

    /// From a two-octet peer: AS_PATH 65001 AS_TRANS, AGGREGATOR 65001 192.0.2.3 and AS4_PATH
    /// 65001 4200000000, no AS4_AGGREGATOR. RFC 6793 §4.2.3 drops AS4_PATH for a two-octet
    /// AGGREGATOR only "when both of the attributes are received", so the path is rebuilt.
    /// Brindle itself sends such UPDATEs to two-octet peers; the fuzzer found that they did
    /// not survive a round trip (Fixtures/fuzz/crashes/as4-path-dropped-without-as4-aggregator).
    @Test("AS4_PATH is merged when AGGREGATOR comes without AS4_AGGREGATOR")
    func as4PathWithTwoOctetAggregator() throws {
        let update = try Fixture.parse(
            """
            ffffffffffffffffffffffffffffffff 0045 02 0000 002a
            40 01 01 00                               # ORIGIN IGP
            40 02 06 02 02 fde9 5ba0                  # AS_PATH 65001 23456
            40 03 04 c0000202                         # NEXT_HOP 192.0.2.2
            c0 07 06 fde9 c0000203                    # AGGREGATOR 65001 192.0.2.3
            c0 11 0a 02 02 0000fde9 fa56ea00          # AS4_PATH 65001 4200000000
            18 c63364                                 # 198.51.100.0/24
            """)
        guard
            case .success(.update(let decoded)) = Fixture.decode(
                update, options: CodecOptions(fourOctetAS: false))
        else { throw FixtureError(name: "as4-path-with-two-octet-aggregator") }
        #expect(decoded.pathAttributes.asPath == ASPath(sequence: [65001, 4_200_000_000]))
    }

    /// Decodes `stream` whole and message by message under both AS sizes.
    private func checkStream(_ stream: [UInt8]) throws {
        for options in [CodecOptions(fourOctetAS: true), CodecOptions(fourOctetAS: false)] {
            try checkRoundTrip(stream, options: options)
            for message in Self.messages(in: stream) {
                try checkRoundTrip(message, options: options)
            }
        }
    }

    /// When `bytes` decodes, its encoding decodes again and encodes to the same bytes.
    private func checkRoundTrip(_ bytes: [UInt8], options: CodecOptions) throws {
        guard case .success(let message) = Fixture.decode(bytes, options: options) else { return }
        let encoded = message.encode(options: options)
        let again = try Fixture.decode(encoded, options: options).get()
        #expect(again.encode(options: options) == encoded)
        #expect(again.type == message.type)
    }

    /// The whole messages at the front of `stream`, as `MessageFramer` cuts them.
    static func messages(in stream: [UInt8]) -> [[UInt8]] {
        var messages: [[UInt8]] = []
        var start = 0
        while let length = stream[start...].withUnsafeBytes({ buffer in
            try? MessageFramer.nextMessageLength(
                in: buffer, maximumLength: MessageLimits.maximumLength)
        }) {
            messages.append(Array(stream[start..<start + length]))
            start += length
        }
        return messages
    }
}
