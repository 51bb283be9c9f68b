import BGPWire
import Foundation
import Testing

@testable import Store

/// Addresses collected from several threads.
private final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var addresses: [IPv4Address] = []
    private var errors: [String] = []

    func add(_ new: [IPv4Address], _ error: String?) {
        lock.lock()
        defer { lock.unlock() }
        addresses += new
        if let error { errors.append(error) }
    }

    var result: ([IPv4Address], [String]) {
        lock.lock()
        defer { lock.unlock() }
        return (addresses, errors)
    }
}

@Test func concurrentWritersNeverShareAnAddress() throws {
    let file = TemporaryStoreFile()
    let setup = try Store(path: file.path)
    try setup.addNode(Node(name: "a", address: IPv4Address(10, 9, 0, 1)))
    try setup.addPool(Pool(cidr: IPv4Prefix("10.0.0.0/24")!))
    let writers = 4
    let perWriter = 50
    for writer in 0..<writers {
        try setup.database.run(
            "INSERT INTO containers VALUES (?1, 'a', '/n', ?1)", [.text("c\(writer)")])
    }

    let collected = Collected()
    let group = DispatchGroup()
    let path = file.path
    for writer in 0..<writers {
        group.enter()
        let thread = Thread {
            defer { group.leave() }
            var got: [IPv4Address] = []
            do throws(StoreError) {
                let store = try Store(path: path)
                for _ in 0..<perWriter {
                    got.append(try store.allocate(container: "c\(writer)", pool: nil))
                }
                collected.add(got, nil)
            } catch {
                collected.add(got, error.description)
            }
        }
        thread.start()
    }
    group.wait()

    let (addresses, errors) = collected.result
    #expect(errors.isEmpty, "\(errors)")
    #expect(addresses.count == writers * perWriter)
    #expect(Set(addresses).count == writers * perWriter)
    #expect(Set(addresses) == Set((0..<200).map { IPv4Address(10, 0, 0, UInt8($0)) }))
    #expect(try setup.allocations().count == writers * perWriter)
}
