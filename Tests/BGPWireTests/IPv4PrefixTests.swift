import Testing

@testable import BGPWire

@Suite struct IPv4PrefixTests {
    @Test func parsesPrefixesAndBareAddresses() throws {
        let prefix = try #require(IPv4Prefix("10.65.0.0/24"))
        #expect(prefix.address == IPv4Address(10, 65, 0, 0))
        #expect(prefix.length == 24)
        #expect(prefix.size == 256)
        #expect(prefix.lastAddress == IPv4Address(10, 65, 0, 255))
        #expect(IPv4Prefix("10.65.0.7") == IPv4Prefix.host(IPv4Address(10, 65, 0, 7)))
        #expect(IPv4Prefix("0.0.0.0/0")?.size == 1 << 32)
    }

    @Test(arguments: ["10.0.0.1/24", "10.0.0.0/33", "10.0.0.0/", "10.0.0.0/-1", "/8", "x/8"])
    func refusesHostBitsAndBadLengths(text: String) {
        #expect(IPv4Prefix(text) == nil)
    }

    @Test func theInitialiserClearsHostBits() {
        let prefix = IPv4Prefix(address: IPv4Address(10, 1, 2, 3), length: 16)
        #expect(prefix?.description == "10.1.0.0/16")
        #expect(IPv4Prefix(address: IPv4Address(10, 1, 2, 3), length: 33) == nil)
    }

    @Test func containment() throws {
        let pool = try #require(IPv4Prefix("10.65.0.0/16"))
        #expect(pool.contains(IPv4Prefix("10.65.3.0/24")!))
        #expect(!pool.contains(IPv4Prefix("10.0.0.0/8")!))
        #expect(!pool.contains(IPv4Prefix("10.66.0.0/24")!))
        #expect(pool.contains(IPv4Address(10, 65, 255, 255)))
        #expect(!pool.contains(IPv4Address(10, 64, 255, 255)))
        #expect(IPv4Prefix("0.0.0.0/0")!.contains(IPv4Address(255, 255, 255, 255)))
    }
}
