import BGPWire
import Testing

@testable import brindle_bench

/// The pre-encoded UPDATEs a sender plays.
@Suite struct UpdateStreamTests {
    static let table = SyntheticTable.make(count: 20_000, seed: 3)
    static let options = CodecOptions(fourOctetAS: true)

    static func decode(_ bytes: ArraySlice<UInt8>) throws -> [UpdateMessage] {
        var (offset, updates) = (bytes.startIndex, [UpdateMessage]())
        while offset < bytes.endIndex {
            let length = Int(bytes[offset + 16]) << 8 | Int(bytes[offset + 17])
            let message = try Array(bytes[offset..<offset + length]).withUnsafeBytes {
                try Message.decode($0, options: options)
            }
            guard case .update(let update) = message else { throw UsageError("not an UPDATE") }
            updates.append(update)
            offset += length
        }
        return updates
    }

    @Test func holdsEveryPrefixOnceAsTheSenderSendsItThenEndOfRIB() throws {
        let next = IPv4Address(192, 0, 2, 7)
        let stream = UpdateStream(
            table: Self.table, ranges: [0..<Self.table.count], senderAS: 65001, nextHop: next,
            options: Self.options)
        let updates = try Self.decode(stream.bytes[...])
        #expect(updates.count == stream.updates && updates.last?.isEndOfRIB == true)
        #expect(updates.flatMap(\.nlri) == Self.table.prefixes)
        #expect(stream.prefixes == Self.table.count)
        #expect(
            updates.dropLast().allSatisfy {
                $0.pathAttributes.asPath.firstAutonomousSystem == 65001
            })
        #expect(updates.dropLast().allSatisfy { $0.pathAttributes.nextHop == next })
    }

    @Test func cutsChunksOnMessageBoundaries() throws {
        let stream = UpdateStream(
            table: Self.table, ranges: [0..<Self.table.count], senderAS: 65001,
            nextHop: IPv4Address(192, 0, 2, 7), options: Self.options)
        #expect(stream.chunkEnds.count > 2 && stream.chunkEnds.last == stream.bytes.count)
        var start = 0
        for end in stream.chunkEnds {
            #expect(try !Self.decode(stream.bytes[start..<end]).isEmpty)
            start = end
        }
    }

    @Test func sendsOnlyThePrefixesOfItsRangesWhichMayCutASet() throws {
        let stream = UpdateStream(
            table: Self.table, ranges: [19_990..<20_000, 1..<5], senderAS: 65002,
            nextHop: IPv4Address(192, 0, 2, 8), options: Self.options)
        let prefixes = try Self.decode(stream.bytes[...]).flatMap(\.nlri)
        #expect(
            prefixes == Array(Self.table.prefixes[19_990..<20_000] + Self.table.prefixes[1..<5]))
    }
}
