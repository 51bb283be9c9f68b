import Foundation
import Store

/// `brindlectl bgp listen-range add|remove|show`: the blocks of addresses dynamic
/// neighbours may connect from.
enum ListenRangeCommands {
    /// The `bgp listen-range` group.
    static let command = Command(
        "listen-range", summary: "manage the ranges dynamic neighbours may connect from",
        children: [
            Command(
                "add", usage: ["bgp listen-range add CIDR as AS [--limit N]"],
                summary: "accept neighbours of one AS from a range, at most N at once"
                    + " (default \(ListenRange.defaultLimit)); not over a pool",
                run: add),
            Command(
                "remove", usage: ["bgp listen-range remove CIDR"],
                summary: "remove a listen range", run: remove),
            Command(
                "show", usage: ["bgp listen-range show [--json]"],
                summary: "list the listen ranges", run: show),
        ])

    /// `bgp listen-range add CIDR as AS [--limit N]`.
    static func add(_ arguments: inout ArgumentList, _ context: Context) throws {
        let limit = try arguments.option("--limit").map { text throws in
            try peerLimit(text, arguments)
        }
        let prefix = try arguments.prefix(arguments.positional("CIDR"))
        try arguments.keyword("as")
        let asNumber = try arguments.asNumber(arguments.positional("AS"))
        try arguments.finish()

        let range = ListenRange(prefix: prefix, asNumber: asNumber, limit: limit)
        try context.openStore(creating: true).addListenRange(range)
        let limitNote = limit.map { "limit \($0)" } ?? "limit \(range.effectiveLimit), the default"
        print("added listen range \(prefix) as \(asNumber) (\(limitNote))")
    }

    /// `bgp listen-range remove CIDR`.
    static func remove(_ arguments: inout ArgumentList, _ context: Context) throws {
        let prefix = try arguments.prefix(arguments.positional("CIDR"))
        try arguments.finish()
        try context.openStore().removeListenRange(prefix)
        print("removed listen range \(prefix)")
    }

    /// `bgp listen-range show [--json]`, with the limit each range really has; in JSON,
    /// `limit` is the range's own (null when the default applies) and `effectiveLimit` the
    /// one in force.
    static func show(_ arguments: inout ArgumentList, _ context: Context) throws {
        let json = arguments.flag("--json")
        try arguments.finish()
        let ranges = try context.openStore().listenRanges()
        guard !json else {
            return try Output.json(
                ranges.map { range in
                    [
                        "range": "\(range.prefix)", "asNumber": range.asNumber,
                        "limit": range.limit.map { $0 as Any } ?? NSNull(),
                        "effectiveLimit": range.effectiveLimit,
                    ]
                })
        }
        Output.table(
            ["RANGE", "AS", "LIMIT"],
            ranges.map { ["\($0.prefix)", "\($0.asNumber)", limitText($0)] })
    }

    /// Parses the most neighbours a range accepts at once: a decimal number, at least 1.
    private static func peerLimit(_ text: String, _ arguments: ArgumentList)
        throws(CommandError) -> Int
    {
        guard text.utf8.allSatisfy({ (0x30...0x39).contains($0) }), let limit = Int(text),
            limit >= 1
        else { throw arguments.usage("'\(text)' is not a peer limit (a number from 1)") }
        return limit
    }

    private static func limitText(_ range: ListenRange) -> String {
        range.limit.map(String.init) ?? "\(ListenRange.defaultLimit) (default)"
    }
}
