/// One word of brindlectl's command tree: a leaf that runs, or a group of subcommands.
struct Command: Sendable {
    /// What a leaf does with the words after its name.
    typealias Handler = @Sendable (inout ArgumentList, Context) throws -> Void

    /// What the command is.
    indirect enum Action: Sendable {
        /// A leaf: runs the handler.
        case run(Handler)
        /// A group: the next word picks a child; a word that names no child goes to
        /// `fallback` if there is one (as in `container NAME ip add`).
        case group([Command], fallback: Command?)
    }

    /// The word that selects the command.
    let name: String
    /// Usage lines, without the program name.
    let usage: [String]
    /// One line on what it does.
    let summary: String
    /// The leaf handler or the children.
    let action: Action

    /// A leaf command.
    init(_ name: String, usage: [String], summary: String, run: @escaping Handler) {
        self.name = name
        self.usage = usage
        self.summary = summary
        action = .run(run)
    }

    /// A group of commands; its usage is its children's.
    init(_ name: String, summary: String, children: [Command], fallback: Command? = nil) {
        self.name = name
        self.usage = (children + (fallback.map { [$0] } ?? [])).flatMap(\.usage)
        self.summary = summary
        action = .group(children, fallback: fallback)
    }

    /// The text `--help` prints.
    var help: String {
        (["\(summary)", "", "usage:"] + usage.map { "  brindlectl \($0)" }).joined(separator: "\n")
    }

    /// Runs the command on the words after its name.
    func dispatch(_ arguments: inout ArgumentList, _ context: Context) throws {
        switch action {
        case .run(let handler):
            guard !arguments.helpRequested else { throw CommandError.help(help) }
            try run(handler, &arguments, context)
        case .group(let children, let fallback):
            try dispatchChild(children, fallback, &arguments, context)
        }
    }

    /// Runs a leaf, turning store and plumbing errors into one line naming the command.
    private func run(_ handler: Handler, _ arguments: inout ArgumentList, _ context: Context)
        throws
    {
        do {
            try handler(&arguments, context)
        } catch let error as CommandError {
            throw error
        } catch {
            throw arguments.failure("\(error)")
        }
    }

    private func dispatchChild(
        _ children: [Command], _ fallback: Command?, _ arguments: inout ArgumentList,
        _ context: Context
    ) throws {
        guard let word = arguments.peek, word != "--help", word != "-h" else {
            guard arguments.helpRequested else {
                throw arguments.usage("missing \(noun(arguments)) (\(childNames(children)))")
            }
            throw CommandError.help(help)
        }
        if let child = children.first(where: { $0.name == word }) {
            arguments.enter()
            return try child.dispatch(&arguments, context)
        }
        guard let fallback else {
            throw arguments.usage(
                "unknown \(noun(arguments)) '\(word)' (\(childNames(children)))")
        }
        try fallback.dispatch(&arguments, context)
    }

    private func noun(_ arguments: ArgumentList) -> String {
        arguments.path.isEmpty ? "command" : "subcommand"
    }

    private func childNames(_ children: [Command]) -> String {
        children.map(\.name).joined(separator: ", ")
    }
}
