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

    /// Prints `brindlectl: warning: TEXT` on standard error: the command was done, but the
    /// cluster it leaves is probably not what the operator wants.
    static func warning(_ text: String) {
        FileHandle.standardError.write(Data("brindlectl: warning: \(text)\n".utf8))
    }

    /// Prints `brindlectl: note: TEXT` on standard error: the command was done, and takes
    /// effect only once something else is true.
    static func note(_ text: String) {
        FileHandle.standardError.write(Data("brindlectl: note: \(text)\n".utf8))
    }
}
