import BGPWire
import Testing

@testable import brindle_bench

/// Reading MRT files (RFC 6396) from fixtures of each record kind.
@Suite struct MRTReaderTests {
    /// Each `.hex` fixture and the `.expected` route lines of the table read from it.
    static let fixtures = ["table-dump-v1", "table-dump-v2", "table-dump-v2-truncated", "bgp4mp"]

    @Test(arguments: fixtures) func readsTheFixtureAsExpected(_ name: String) throws {
        var reader = MRTReader()
        reader.read(try Fixture.hexBytes(name + ".hex"))
        #expect(reader.table().routeLines() == (try Fixture.lines(name + ".expected")))
        #expect(reader.malformedRoutes == 0)
    }

    @Test func routesWithEqualAttributesShareOneSet() throws {
        var reader = MRTReader()
        reader.read(try Fixture.hexBytes("table-dump-v1.hex"))
        let table = reader.table()
        #expect(table.attributeSets.count == 2)
        #expect(table.range(ofSet: 0) == 0..<2)
        #expect(table.attributeSets[0].nextHop == IPv4Address(192, 0, 2, 1))
    }

    @Test func aTruncatedLastRecordEndsTheTable() throws {
        var reader = MRTReader()
        reader.read(try Fixture.hexBytes("table-dump-v2-truncated.hex"))
        #expect(reader.records == 2)
        #expect(reader.table().count == 1)
    }

    @Test func aRecordCutInsideItsHeaderEndsTheTable() throws {
        let bytes = try Fixture.hexBytes("table-dump-v1.hex")
        var reader = MRTReader()
        reader.read(Array(bytes[0..<bytes.count - 5]) + [0, 0, 0])
        #expect(reader.table().count == 2)
    }

    @Test func aRIBEntryWithAnUnknownPeerIndexIsMalformed() throws {
        // The RIB record of table-dump-v2.hex without its PEER_INDEX_TABLE.
        let bytes = try Fixture.hexBytes("table-dump-v2.hex")
        let peerIndexLength = 12 + (Int(bytes[10]) << 8 | Int(bytes[11]))
        var reader = MRTReader()
        reader.read(Array(bytes[peerIndexLength...]))
        #expect(reader.table().count == 0)
        #expect(reader.malformedRoutes == 3)
    }
}
