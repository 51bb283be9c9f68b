/// A step of container plumbing failed; the description is one line for the operator.
struct PlumbingError: Error, CustomStringConvertible {
    /// What failed and why.
    let description: String
}
