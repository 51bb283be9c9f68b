import BGPWire
import Testing

@testable import brindle_bench

/// The S5 decoding loop.
@Suite struct DecodeBenchTests {
    @Test func decodesEveryPrefixOfTheTablePerPass() throws {
        let table = SyntheticTable.make(count: 5000, seed: 4)
        let result = try DecodeBench.run(table: table, seconds: 0.01)
        #expect(result.prefixes > 0 && result.prefixes % 5000 == 0)
        #expect(result.seconds >= 0.01 && result.rate > 0)
    }

    @Test func countsThePrefixesOfAStream() throws {
        let table = SyntheticTable.make(count: 700, seed: 4)
        let options = CodecOptions(fourOctetAS: true)
        let stream = UpdateStream(
            table: table, ranges: [0..<700], senderAS: 65001, nextHop: DecodeBench.nextHop,
            options: options)
        #expect(try DecodeBench.decodeAll(stream.bytes, options: options) == 700)
    }
}
