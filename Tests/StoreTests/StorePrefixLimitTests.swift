import BGPWire
import Foundation
import Testing

@testable import Store

/// Tests of a BGP peer's prefix limit (RFC 4271 §8.1.2 AutomaticStop, RFC 4486 §4) and the
/// restart time after it.
private let router = IPv4Address(192, 0, 2, 1)

private func expectError(_ expected: StoreError, _ body: () throws -> Void) {
    #expect(throws: expected) { try body() }
}

@Test func peerLimitAndRestartTimeRoundTrip() throws {
    let file = TemporaryStoreFile()
    let store = try Store(path: file.path)
    let limited = BGPPeer(address: router, asNumber: 65000, maxPrefixes: 100, maxPrefixRestart: 30)
    let other = IPv4Address(192, 0, 2, 2)
    let largest = BGPPeer.maximumLimitValue
    let stayingDown = BGPPeer(address: other, asNumber: 65001, passive: true, maxPrefixes: largest)
    try store.addPeer(limited)
    try store.addPeer(stayingDown)
    try store.addPeer(BGPPeer(address: IPv4Address(192, 0, 2, 3), asNumber: 65002))

    let peers = try Store(path: file.path).snapshot().peers
    #expect(peers.count == 3)
    #expect(peers.first == limited)
    #expect(peers.dropFirst().first == stayingDown)
    #expect(peers.last?.maxPrefixes == nil && peers.last?.maxPrefixRestart == nil)
}

@Test(arguments: [0, -1, BGPPeer.maximumLimitValue + 1])
func prefixLimitOutOfRangeIsRefused(limit: Int) throws {
    let file = TemporaryStoreFile()
    let store = try Store(path: file.path)
    expectError(.invalidMaxPrefixes(limit)) {
        try store.addPeer(BGPPeer(address: router, asNumber: 65000, maxPrefixes: limit))
    }
    #expect(try store.peers().isEmpty)
}

@Test(arguments: [0, -30, BGPPeer.maximumLimitValue + 1])
func restartTimeOutOfRangeIsRefused(seconds: Int) throws {
    let file = TemporaryStoreFile()
    let store = try Store(path: file.path)
    let peer = BGPPeer(address: router, asNumber: 65000, maxPrefixes: 10, maxPrefixRestart: seconds)
    expectError(.invalidMaxPrefixRestart(seconds)) { try store.addPeer(peer) }
    #expect(try store.peers().isEmpty)
}

@Test func restartTimeWithoutLimitIsRefused() throws {
    let file = TemporaryStoreFile()
    let store = try Store(path: file.path)
    expectError(.maxPrefixRestartWithoutLimit) {
        try store.addPeer(BGPPeer(address: router, asNumber: 65000, maxPrefixRestart: 30))
    }
    #expect(try store.generation() == 0)
}

@Test func prefixLimitErrorsAreSingleLines() {
    let errors: [StoreError] = [
        .invalidMaxPrefixes(0), .invalidMaxPrefixRestart(-1), .maxPrefixRestartWithoutLimit,
    ]
    #expect(
        errors.map(\.description) == [
            "a bgp peer's prefix limit must be from 1 to 4294967295, not 0",
            "a bgp peer's restart time must be from 1 to 4294967295 seconds, not -1",
            "a bgp peer's restart time needs a prefix limit",
        ])
}
