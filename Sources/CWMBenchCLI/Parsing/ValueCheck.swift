/// A bound a value must meet beyond being well-formed (`--concurrency` at least 1), declared
/// with the option so the parser checks it and the error says what was expected.
public struct ValueCheck<Value: Sendable>: Sendable {
  /// Whether the value passes.
  let accepts: @Sendable (Value) -> Bool
  /// The reason for the error, given the option's placeholder (`seconds`).
  let reason: @Sendable (_ valueName: String) -> String

  /// A check with its own test and reason.
  public init(
    accepts: @escaping @Sendable (Value) -> Bool, reason: @escaping @Sendable (_ valueName: String) -> String
  ) {
    self.accepts = accepts
    self.reason = reason
  }
}

extension ValueCheck where Value: ArgumentValue & Comparable {
  /// `minimum` or more: `expected at least 1`, or `expected 0 or more` for zero.
  public static func atLeast(_ minimum: Value) -> ValueCheck {
    let shown = minimum.argumentDescription
    return ValueCheck(
      accepts: { $0 >= minimum }, reason: { _ in shown == "0" ? "expected 0 or more" : "expected at least \(shown)" })
  }

  /// `maximum` or less: `expected at most 9223372036854775807`.
  public static func atMost(_ maximum: Value) -> ValueCheck {
    let shown = maximum.argumentDescription
    return ValueCheck(accepts: { $0 <= maximum }, reason: { _ in "expected at most \(shown)" })
  }

  /// More than `bound`, said with the placeholder: `expected seconds > 0`.
  public static func greaterThan(_ bound: Value) -> ValueCheck {
    let shown = bound.argumentDescription
    return ValueCheck(accepts: { $0 > bound }, reason: { "expected \($0) > \(shown)" })
  }

  /// More than `bound` and at most `maximum`: `expected seconds > 0 and at most 1000000`.
  public static func greaterThan(_ bound: Value, atMost maximum: Value) -> ValueCheck {
    let (low, high) = (bound.argumentDescription, maximum.argumentDescription)
    return ValueCheck(
      accepts: { $0 > bound && $0 <= maximum }, reason: { "expected \($0) > \(low) and at most \(high)" })
  }

  /// From `minimum` to `maximum`: `expected 1 to 1024`.
  public static func range(_ minimum: Value, _ maximum: Value) -> ValueCheck {
    let (low, high) = (minimum.argumentDescription, maximum.argumentDescription)
    return ValueCheck(accepts: { $0 >= minimum && $0 <= maximum }, reason: { _ in "expected \(low) to \(high)" })
  }
}
