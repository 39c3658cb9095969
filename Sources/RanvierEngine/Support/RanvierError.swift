/// The kinds of failure the engine reports; each maps to one Python exception type.
public enum ErrorKind: Int32, Sendable {
    /// Malformed equation or code text (Python `SyntaxError`).
    case syntax = 1
    /// Inconsistent physical dimensions (Python `DimensionMismatchError`).
    case dimension = 2
    /// An identifier that names nothing the model or namespace knows (Python `KeyError`).
    case unknownIdentifier = 3
    /// A value that is out of its allowed range or otherwise unusable (Python `ValueError`).
    case value = 4
    /// An index outside an array (Python `IndexError`).
    case index = 5
    /// An operation applied to the wrong kind of object (Python `TypeError`).
    case type = 6
    /// A model the engine recognises but cannot handle (Python `NotImplementedError`).
    case notImplemented = 7
    /// The chosen integration method cannot integrate the equations (Python `UnsupportedEquationsException`).
    case unsupportedEquations = 8
    /// A run stopped by the caller (Python `KeyboardInterrupt`).
    case interrupted = 9
    /// A file that could not be opened, read or written (Python `OSError`).
    case io = 10
    /// An allocation larger than the machine can give, refused before it is made (Python `MemoryError`).
    case memory = 11
    /// A function of the embedding program, called during a run, failed (Python: its exception).
    case callback = 12
}

/// The single error type thrown inside the engine; the C API turns it into a status and a message.
public struct RanvierError: Error, CustomStringConvertible, Equatable {
    /// What went wrong, as a category.
    public var kind: ErrorKind
    /// A human-readable message naming the problem and where it is.
    public var message: String

    /// Creates an error of the given kind.
    public init(_ kind: ErrorKind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
