import CWMBenchCore
import Foundation

extension Markup {
  /// How many decimals an estimate with `interval` justifies: the decimal place of the first
  /// significant digit of the interval's half-width, plus one (half-width 0.052 → 3 places,
  /// 0.23 → 2, 3.2 → 1), between 0 and 6; 3 when the interval has no width or is not finite.
  ///
  /// The extra digit keeps neighbouring estimates apart without claiming the second digit of
  /// the half-width is known (docs/summary-csv.md, "Rounding").
  static func places(for interval: ConfidenceInterval) -> Int {
    let half = (interval.high - interval.low) / 2
    guard half.isFinite, half > 0 else { return 3 }
    let first = -Int(log10(half).rounded(.down))
    return min(6, max(0, first + 1))
  }

  /// `value [low, high]` rounded to the places the interval justifies.
  static func estimate(_ value: Double, _ interval: ConfidenceInterval) -> String {
    let places = places(for: interval)
    return decimal(value, places: places) + " [" + decimal(interval.low, places: places) + ", "
      + decimal(interval.high, places: places) + "]"
  }
}
