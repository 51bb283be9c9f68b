/// A command line the tool cannot run, told to the user in one line on standard error.
struct UsageError: Error, Equatable, CustomStringConvertible {
    /// What is wrong, such as `--target is required`.
    let description: String

    /// Creates the error from its one-line explanation.
    init(_ description: String) { self.description = description }
}
