/// A table that cannot be loaded: its file cannot be read or is not of its format.
struct TableError: Error, Equatable, CustomStringConvertible {
    /// What went wrong, naming the file or line.
    let description: String

    /// Creates the error from its one-line explanation.
    init(_ description: String) { self.description = description }
}
