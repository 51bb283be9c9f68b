import BGPWire
import Foundation
import Testing

@testable import Daemon

/// The NOTIFICATION a peer is sent when it breaks its prefix limit, against the byte
/// vectors in `Fixtures/daemon/cease-prefix-limit-LIMIT.hex` (RFC 4486 §4).
private let fixtures = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("Fixtures/daemon")

/// Hex text with `#` comments to the end of the line; whitespace is ignored.
private func fixtureBytes(_ name: String) throws -> [UInt8] {
    let text = try String(contentsOf: fixtures.appendingPathComponent(name), encoding: .utf8)
    let digits = text.split(separator: "\n").flatMap { line in
        line.prefix { $0 != "#" }.filter { !$0.isWhitespace }.compactMap(\.hexDigitValue)
    }
    return stride(from: 0, to: digits.count, by: 2).map {
        UInt8(digits[$0] << 4 | digits[$0 + 1])
    }
}

@Test(arguments: [3, 70000, 4_294_967_295])
func prefixLimitCeaseCarriesTheFamilyAndTheLimit(limit: Int) throws {
    let cease = Peer.prefixLimitCease(limit, family: .ipv4Unicast)
    #expect(cease.code == .cease && cease.subcode == CeaseSubcode.maximumPrefixesReached)
    let expected = try fixtureBytes("cease-prefix-limit-\(limit).hex")
    #expect(expected.count == 28)
    #expect(Message.notification(cease).encode(options: .beforeOpen) == expected)
}

@Test func prefixLimitCeaseNamesTheFamilyThatCrossedIt() {
    let cease = Peer.prefixLimitCease(5, family: .ipv6Unicast)
    // RFC 4486 §4: AFI 2, SAFI 1, then the limit.
    #expect(cease.data == [0, 2, 1, 0, 0, 0, 5])
}
