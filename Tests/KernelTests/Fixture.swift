import Foundation

/// Hex fixtures in `Fixtures/kernel/`, found from this file's path.
enum Fixture {
    /// The package root: three levels above this file.
    static let root = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The bytes of `Fixtures/kernel/<name>`: `#` lines skipped, hex octets read.
    static func bytes(_ name: String) throws -> [UInt8] {
        let url = root.appendingPathComponent("Fixtures/kernel").appendingPathComponent(name)
        let text = try String(contentsOf: url, encoding: .utf8)
        let digits = text.split(separator: "\n").filter { !$0.hasPrefix("#") }
            .flatMap { $0.filter(\.isHexDigit) }
        precondition(digits.count % 2 == 0, "fixture \(name) has an odd number of hex digits")
        return stride(from: 0, to: digits.count, by: 2).map {
            UInt8(String(digits[$0...$0 + 1]), radix: 16)!
        }
    }
}
