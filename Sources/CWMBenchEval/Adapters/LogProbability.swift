import CWMBenchCore

/// The one check every adapter path applies to a log-probability a model reports: the exec
/// protocol's spans and choices, and an HTTP server's token log-probabilities.
///
/// A log-probability is at most 0. Servers compute them in 32-bit floats, where the token
/// of a certain answer can come out a hair above 0 (log-softmax of a dominant logit rounds
/// to about +1e-7); up to `roundingTolerance` that is rounding and reads as 0. Anything
/// larger is not a log-probability (a logit, a probability, a bug) and is refused: a span
/// stored as +7.5 once showed on the page as p_model = 1808.
enum LogProbability {
  /// The largest positive value read as 0 (a probability of at most e^0.0001 ≈ 1.0001).
  static let roundingTolerance = 1e-4

  /// A log-probability as the protocol spells it: a number ≤ `roundingTolerance` (positive ones
  /// read as 0), or the string `"-inf"` for −∞ (JSON has no infinity; a number that overflows,
  /// such as `-1e999`, also reads as −∞). Nil for anything else: larger numbers, NaN, other strings.
  static func value(_ value: JSONValue) -> Double? {
    if let text = value.stringValue {
      return text == "-inf" || text == "-Infinity" ? -.infinity : nil
    }
    return value.doubleValue.flatMap(checked)
  }

  /// `number` if it is a log-probability, 0 for one within the rounding tolerance above 0, else nil.
  static func checked(_ number: Double) -> Double? {
    guard number <= roundingTolerance else { return nil }  // false for NaN too
    return min(number, 0)
  }
}
