import Glibc

/// Where a table comes from, as given by `--table`.
enum TableSource: Equatable {
    /// `synthetic:N[:SEED]`: `SyntheticTable` of N prefixes.
    case synthetic(count: Int, seed: UInt64)
    /// `mrt:PATH`: an uncompressed MRT file (RFC 6396).
    case mrt(path: String)
    /// `prefixes:PATH`: an uncompressed prefix list in the routeviews-ipasn format.
    case prefixes(path: String)

    /// Parses the text of `--table`; nil when it is none of the three forms.
    init?(_ text: String) {
        let parts = text.split(separator: ":", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { return nil }
        switch parts[0] {
        case "mrt": self = .mrt(path: parts[1])
        case "prefixes": self = .prefixes(path: parts[1])
        case "synthetic":
            let numbers = parts[1].split(separator: ":", omittingEmptySubsequences: false)
            guard numbers.count <= 2, let count = Int(numbers[0]), count > 0,
                count <= SyntheticTable.maximumCount
            else { return nil }
            guard numbers.count == 2 else {
                self = .synthetic(count: count, seed: SyntheticTable.defaultSeed)
                return
            }
            guard let seed = UInt64(numbers[1]) else { return nil }
            self = .synthetic(count: count, seed: seed)
        default: return nil
        }
    }

    /// Makes or reads the table.
    /// - Throws: `TableError` when the file cannot be read, is malformed, or holds no route.
    func load() throws(TableError) -> BenchTable {
        let table: BenchTable
        switch self {
        case .synthetic(let count, let seed): table = SyntheticTable.make(count: count, seed: seed)
        case .mrt(let path):
            var reader = MRTReader()
            reader.read(try Self.contents(of: path))
            table = reader.table()
        case .prefixes(let path):
            table = try PrefixListReader.read(try Self.contents(of: path))
        }
        guard table.count > 0 else { throw TableError("the table holds no IPv4 prefix") }
        return table
    }

    /// The whole contents of the file at `path`.
    /// - Throws: `TableError` naming the failed call and its errno.
    static func contents(of path: String) throws(TableError) -> [UInt8] {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw TableError("open \(path): \(String(cString: strerror(errno)))") }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 20)
        while true {
            let count = chunk.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
            guard count >= 0 else {
                guard errno == EINTR else {
                    throw TableError("read \(path): \(String(cString: strerror(errno)))")
                }
                continue
            }
            guard count > 0 else { return bytes }
            bytes.append(contentsOf: chunk[0..<count])
        }
    }
}
