/// A mistake on the command line, told to the user in one line.
struct UsageError: Error, Equatable, CustomStringConvertible {
    /// What is wrong, such as `--clients needs a value`.
    let message: String

    /// Creates an error with its message.
    init(_ message: String) { self.message = message }

    /// The message.
    var description: String { message }
}
