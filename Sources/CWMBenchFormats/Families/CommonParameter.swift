import CWMBenchCore

/// The parameters every family has, spelled once for every family's codec.
public enum CommonParameter: String, Sendable, CaseIterable {
  /// The trace length `T`.
  case length
  /// The rendering.
  case render
  /// The reveal spacing.
  case spacing
}

extension JSONWriter {
  /// Appends `"spacing":` and the spacing as a task line writes it: `4` or `"final"`.
  public mutating func writeSpacing(_ spacing: Spacing) {
    writeKey(CommonParameter.spacing)
    switch spacing {
    case .every(let k): writeInt(k)
    case .final: writeString(Spacing.final.description)
    }
  }
}

extension Spacing {
  /// A spacing as JSON writes it (`4` or `"final"`); nil for anything else.
  public init?(json: JSONValue) {
    switch json {
    case .string(Spacing.final.description): self = .final
    case .int(let k) where k >= 1: self = .every(k)
    default: return nil
    }
  }

  /// The spacing as JSON writes it.
  public var json: JSONValue {
    switch self {
    case .every(let k): return .int(k)
    case .final: return .string(Spacing.final.description)
    }
  }
}

extension GenerationError {
  /// The parameter the error is about, by its key.
  public var parameterName: String {
    switch self {
    case .invalidParameter(let name, _, _): return name
    case .actionsNotInGroup: return "actions"
    case .unknownGroup: return "group"
    }
  }
}

extension JSONWriter {
  /// Appends a number as task lines write them: whole numbers without a fraction (`0`, `1`),
  /// others shortest round-trip.
  public mutating func writeNumber(_ value: Double) { CWMBenchFormats.writeNumber(value, to: &self) }
}
