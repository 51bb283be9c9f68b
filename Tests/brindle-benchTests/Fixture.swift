import Foundation

/// The files of `Fixtures/brindle-bench`, found from this file's path.
enum Fixture {
    /// The fixture folder.
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/brindle-bench")

    /// The text of fixture `name`.
    static func text(_ name: String) throws -> String {
        try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
    }

    /// The bytes of a hex fixture: pairs of hex digits, `#` starting a comment line.
    static func hexBytes(_ name: String) throws -> [UInt8] {
        let lines = try text(name).split(separator: "\n").filter { !$0.hasPrefix("#") }
        return lines.flatMap { $0.split(separator: " ").compactMap { UInt8($0, radix: 16) } }
    }

    /// The non-comment lines of a text fixture.
    static func lines(_ name: String) throws -> [String] {
        try text(name).split(separator: "\n").filter { !$0.hasPrefix("#") }.map(String.init)
    }
}
