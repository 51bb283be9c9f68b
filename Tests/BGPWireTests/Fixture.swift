import Foundation

@testable import BGPWire

/// Byte vectors kept as hex text in `Fixtures/bgpwire/`: `#` starts a
/// comment running to the end of the line, whitespace is ignored.
enum Fixture {
    /// The fixture directory, found from this file's path.
    static let directory = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/bgpwire")

    /// The names of every fixture, without the `.hex` extension, sorted.
    static let names: [String] = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return files.filter { $0.hasSuffix(".hex") }.map { String($0.dropLast(4)) }.sorted()
    }()

    /// The bytes of fixture `name`.
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = directory.appendingPathComponent(name + ".hex")
        return try parse(String(contentsOf: url, encoding: .utf8), name: name)
    }

    /// Parses hex text with comments.
    static func parse(_ text: String, name: String = "inline") throws -> [UInt8] {
        var digits: [UInt8] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let data = line.prefix { $0 != "#" }
            for character in data where !character.isWhitespace {
                guard let digit = character.hexDigitValue else { throw FixtureError(name: name) }
                digits.append(UInt8(digit))
            }
        }
        guard digits.count % 2 == 0 else { throw FixtureError(name: name) }
        return stride(from: 0, to: digits.count, by: 2).map { digits[$0] << 4 | digits[$0 + 1] }
    }

    /// Decodes `bytes` as one message.
    static func decode(
        _ bytes: [UInt8], options: CodecOptions = CodecOptions()
    ) -> Result<Message, NotificationMessage> {
        bytes.withUnsafeBytes { buffer in
            Result { () throws(NotificationMessage) -> Message in
                try Message.decode(buffer, options: options)
            }
        }
    }

    /// Decodes fixture `name` as one message.
    static func decode(
        _ name: String, options: CodecOptions = CodecOptions()
    ) throws -> Result<Message, NotificationMessage> {
        decode(try bytes(name), options: options)
    }

    /// Decodes fixture `name`, which must be an UPDATE that decodes.
    static func update(
        _ name: String, options: CodecOptions = CodecOptions()
    ) throws -> UpdateMessage {
        guard case .success(.update(let update)) = try decode(name, options: options) else {
            throw FixtureError(name: name)
        }
        return update
    }
}

/// A fixture that is missing, is not hex, or does not decode as expected.
struct FixtureError: Error, CustomStringConvertible {
    var name: String
    var description: String { "fixture \(name) is unreadable or of the wrong kind" }
}

/// Shorthands for building expected values.
extension IPv4Prefix {
    /// The prefix from `a.b.c.d/n` text, which the test knows is valid.
    static func parse(_ text: String) -> IPv4Prefix {
        guard let prefix = IPv4Prefix(text) else { preconditionFailure("bad prefix \(text)") }
        return prefix
    }
}

extension IPv4Address {
    /// The address from dotted-quad text, which the test knows is valid.
    static func parse(_ text: String) -> IPv4Address {
        guard let address = IPv4Address(text) else { preconditionFailure("bad address \(text)") }
        return address
    }
}
