import Foundation

/// Printing of `show` results: aligned text columns, or JSON with `--json`.
enum Output {
    /// Prints `rows` under `headers`, each column as wide as its widest cell.
    static func table(_ headers: [String], _ rows: [[String]]) {
        let all = [headers] + rows
        let widths = headers.indices.map { column in all.map { $0[column].count }.max() ?? 0 }
        for row in all {
            let cells = row.enumerated().map { column, cell in
                column == row.count - 1
                    ? cell : cell.padding(toLength: widths[column] + 2, withPad: " ", startingAt: 0)
            }
            print(cells.joined())
        }
    }

    /// Prints a JSON value (arrays, dictionaries, strings, numbers, Booleans, `NSNull`)
    /// with sorted keys, so the output is stable.
    static func json(_ value: Any) throws {
        let data = try JSONSerialization.data(
            withJSONObject: value, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        print(String(decoding: data, as: UTF8.self))
    }
}
