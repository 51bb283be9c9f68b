import BGPWire
import Testing

@testable import RIB

/// The interning table under churn: sets interned, retained and released in a random order
/// must always be found exactly while held, and freed slots reused.
@Suite struct AttributeTableTests {
    /// A distinct attribute set per number.
    static func attributes(_ number: UInt32) -> PathAttributes {
        PathAttributes(
            origin: .igp, asPath: ASPath(sequence: [65000 + number % 100]),
            nextHop: IPv4Address(rawValue: 0x0A00_0000 + number), multiExitDiscriminator: number)
    }

    @Test func randomChurnKeepsEveryLiveSetFindable() {
        var table = AttributeTable()
        var held: [UInt32: (index: AttributeIndex, references: Int)] = [:]
        var random = SystemRandomNumberGenerator()
        for _ in 0..<60_000 {
            let number = UInt32.random(in: 0..<3_000, using: &random)
            if let entry = held[number], Bool.random(using: &random) {
                table.release(entry.index)
                held[number] = entry.references == 1 ? nil : (entry.index, entry.references - 1)
            } else {
                let index = table.intern(Self.attributes(number))
                if let entry = held[number] { #expect(entry.index == index) }
                held[number] = (index, (held[number]?.references ?? 0) + 1)
            }
        }
        #expect(table.count == held.count)
        for number in 0..<UInt32(3_000) {
            let found = table.index(of: Self.attributes(number))
            #expect(found == held[number]?.index)
            if let index = found { #expect(table[index] == Self.attributes(number)) }
        }
    }

    @Test func aFreedSlotIsReusedAndTheTableEmpties() {
        var table = AttributeTable()
        let indices = (0..<UInt32(1_000)).map { table.intern(Self.attributes($0)) }
        for index in indices { table.release(index) }
        #expect(table.count == 0)
        #expect(table.index(of: Self.attributes(5)) == nil)
        let again = table.intern(Self.attributes(7))
        #expect(indices.contains(again))
        #expect(table[again] == Self.attributes(7))
    }
}
