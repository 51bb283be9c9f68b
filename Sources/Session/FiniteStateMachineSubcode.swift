/// Finite State Machine Error subcodes (RFC 6608 §3): which state received a
/// message it did not expect.
enum FiniteStateMachineSubcode {
    /// Receive Unexpected Message in OpenSent State.
    static let unexpectedMessageInOpenSent: UInt8 = 1
    /// Receive Unexpected Message in OpenConfirm State.
    static let unexpectedMessageInOpenConfirm: UInt8 = 2
    /// Receive Unexpected Message in Established State.
    static let unexpectedMessageInEstablished: UInt8 = 3
}
