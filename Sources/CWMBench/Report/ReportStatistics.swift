import Foundation

/// The interval estimators behind `summary.csv`.
///
/// Per-example metrics (`final_accuracy`, `sequence_accuracy`) are proportions of independent
/// examples, so they get a Wilson score interval. Query-level metrics are ratios over queries,
/// but the queries of one trace are not independent, so their interval comes from a bootstrap
/// that resamples whole examples.
public enum ReportStatistics {
  /// The two-sided 95% normal quantile.
  public static let z95 = 1.959963984540054

  /// The number of bootstrap resamples.
  public static let bootstrapResamples = 1000

  /// The Wilson score interval for `successes` out of `trials` at 95%; `[0, 1]` when `trials` is 0.
  public static func wilson(successes: Int, trials: Int, z: Double = z95) -> ConfidenceInterval {
    guard trials > 0 else { return ConfidenceInterval(low: 0, high: 1) }
    let n = Double(trials)
    let p = Double(successes) / n
    let z2 = z * z
    let denominator = 1 + z2 / n
    let center = (p + z2 / (2 * n)) / denominator
    let half = z / denominator * (p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()
    // Clamping only removes rounding residue at 0 and 1.
    return ConfidenceInterval(low: max(0, center - half), high: min(1, center + half))
  }

  /// A percentile bootstrap interval for the ratio Σnumerator / Σdenominator over examples.
  ///
  /// Each resample draws `pairs.count` examples with replacement from `Xoshiro256(seed:)`; the
  /// interval is the 2.5th and 97.5th percentile of the resampled ratios (sorted values at
  /// indices ⌊0.025·B⌋ and ⌈0.975·B⌉−1). Every denominator must be positive.
  public static func bootstrapRatio(
    _ pairs: [(numerator: Double, denominator: Double)], seed: UInt64,
    resamples: Int = bootstrapResamples
  ) -> ConfidenceInterval {
    guard !pairs.isEmpty, resamples > 0 else { return ConfidenceInterval(low: .nan, high: .nan) }
    var generator = Xoshiro256(seed: seed)
    var statistics = [Double]()
    statistics.reserveCapacity(resamples)
    let count = pairs.count
    for _ in 0..<resamples {
      var numerator = 0.0
      var denominator = 0.0
      for _ in 0..<count {
        let pair = pairs[generator.uniform(below: count)]
        numerator += pair.numerator
        denominator += pair.denominator
      }
      statistics.append(numerator / denominator)
    }
    statistics.sort()
    let lowIndex = Int((0.025 * Double(resamples)).rounded(.down))
    let highIndex = max(lowIndex, Int((0.975 * Double(resamples)).rounded(.up)) - 1)
    return ConfidenceInterval(low: statistics[lowIndex], high: statistics[min(highIndex, resamples - 1)])
  }

  /// The chance accuracy of one query: one over the number of candidates (1/n or 1/n!).
  public static func chance(n: Int, reveal: RevealKind) -> Double {
    switch reveal {
    case .one: return 1 / Double(n)
    case .all:
      var factorial = 1.0
      for i in stride(from: 2, through: n, by: 1) { factorial *= Double(i) }
      return 1 / factorial
    }
  }
}
