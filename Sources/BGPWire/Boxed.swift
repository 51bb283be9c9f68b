/// A value kept on the heap behind one reference, with value semantics: it is never
/// changed in place, so copies share the box. An indirect enum case is such a box.
indirect enum Boxed<Value: Hashable & Sendable>: Hashable, Sendable {
    case value(Value)

    /// Boxes `value`.
    init(_ value: Value) {
        self = .value(value)
    }

    /// The boxed value.
    var value: Value {
        switch self {
        case .value(let value): value
        }
    }
}
