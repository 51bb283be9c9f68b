/// The SplitMix64 generator (Steele, Lea and Flood, 2014): a fixed sequence of 64-bit
/// numbers for a seed, so that a synthetic table is the same on every machine and run.
struct SplitMix: RandomNumberGenerator {
    private var state: UInt64

    /// Starts the sequence of `seed`.
    init(seed: UInt64) { state = seed }

    /// The next number of the sequence.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

    /// A value drawn from `weights`: index i with probability weights[i] / their sum.
    mutating func pick(_ weights: [Int]) -> Int {
        var draw = Int.random(in: 0..<weights.reduce(0, +), using: &self)
        for (index, weight) in weights.enumerated() {
            guard draw >= weight else { return index }
            draw -= weight
        }
        preconditionFailure("a weighted draw falls inside the weights")
    }
}
