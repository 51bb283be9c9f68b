import BGPWire
import Testing

@testable import brindle_bench

/// Reading prefix lists in the routeviews-ipasn format.
@Suite struct PrefixListReaderTests {
    static let list = """
        ; IP-ASN32-DAT file
        ; Prefixes      : 6

        1.0.0.0/24\t15169
        1.0.4.0/22\t56203
        1.0.5.0/24\t56203
        1.0.6.0/24\t56203
        1.0.7.0/24\t56203
        0.0.0.0/0\t3356
        8.0.0.0/8\r
        1.0.4.0/22\t1
        """

    @Test func readsPrefixesWithSyntheticPathsEndingInTheirOrigin() throws {
        let table = try PrefixListReader.read(Array(Self.list.utf8))
        #expect(table.count == 6)
        #expect(table.prefixes.first == IPv4Prefix("1.0.0.0/24"))
        let origins = table.attributeSets.map { $0.asPath.segments.last?.autonomousSystems.last }
        #expect(origins.prefix(3) == [15169, 56203, 56203])
    }

    @Test func sharesASetAmongAtMostThreePrefixesOfOneOrigin() throws {
        let table = try PrefixListReader.read(Array(Self.list.utf8))
        let sizes = table.attributeSets.indices.map { table.range(ofSet: $0).count }
        #expect(sizes == [1, 3, 1, 1])
    }

    @Test func leavesOutTheDefaultRouteAndKeepsTheFirstOfARepeatedPrefix() throws {
        let table = try PrefixListReader.read(Array(Self.list.utf8))
        #expect(!table.prefixes.contains(IPv4Prefix("0.0.0.0/0")!))
        #expect(table.prefixes.filter { $0 == IPv4Prefix("1.0.4.0/22") }.count == 1)
    }

    @Test(arguments: [
        ("10.0.0.1/24\t1", "line 1 is not PREFIX[<TAB>ORIGIN-AS]: '10.0.0.1/24\t1'"),
        ("1.0.0.0/24\nbanana", "line 2 is not PREFIX[<TAB>ORIGIN-AS]: 'banana'"),
        ("1.0.0.0/33", "line 1 is not PREFIX[<TAB>ORIGIN-AS]: '1.0.0.0/33'"),
        ("1.0.0.0/24\tAS1", "line 1: 'AS1' is not an AS number"),
    ])
    func refusesAMalformedLine(_ text: String, _ message: String) {
        #expect(throws: TableError(message)) { try PrefixListReader.read(Array(text.utf8)) }
    }
}
