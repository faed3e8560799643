import CWMBenchCore
import CWMBenchFormats
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
    return percentileInterval(&statistics, resamples: resamples)
  }

  /// `bootstrapRatio(_:seed:resamples:)` for integer pairs, the examples `include` picks: same draws, same result.
  ///
  /// A cell of a million examples makes a thousand resamples a billion random reads; as 16-byte
  /// pairs those miss the cache on nearly every read. Integer pairs (queries right, queries) take
  /// few distinct values, so each example becomes a one- or two-byte code into a table of them,
  /// and the sums are kept as integers: while every partial sum stays below 2^53 the `Double`
  /// sums of the generic version are exact, so both give bit-identical ratios. Anything else
  /// (many distinct pairs, huge values) goes through the generic version.
  static func bootstrapRatio(
    numerators: [Int32], denominators: [Int32], include: (Int) -> Bool, seed: UInt64,
    resamples: Int = bootstrapResamples
  ) -> ConfidenceInterval {
    var table: [UInt64: Int] = [:]
    var values: [(numerator: Int, denominator: Int)] = []
    var codes: [UInt16] = []
    var largest = 0
    var compact = true
    for index in numerators.indices where include(index) {
      let numerator = Int(numerators[index])
      let denominator = Int(denominators[index])
      largest = max(largest, abs(numerator), abs(denominator))
      let key = UInt64(UInt32(bitPattern: numerators[index])) << 32 | UInt64(UInt32(bitPattern: denominators[index]))
      let code: Int
      if let known = table[key] {
        code = known
      } else {
        code = values.count
        table[key] = code
        values.append((numerator, denominator))
      }
      guard code <= Int(UInt16.max) else {
        compact = false
        break
      }
      codes.append(UInt16(code))
    }
    let bound = codes.count.multipliedReportingOverflow(by: max(1, largest))
    if compact, !codes.isEmpty, !bound.overflow, bound.partialValue < 1 << 53 {
      if values.count == 1, resamples > 0 {
        // Every resample draws the same pair: the ratio is fixed, whatever the draws.
        let ratio = Double(codes.count * values[0].numerator) / Double(codes.count * values[0].denominator)
        return ConfidenceInterval(low: ratio, high: ratio)
      }
      if values.count <= 256 {
        return bootstrapCodes(codes.map { UInt8($0) }, values: values, seed: seed, resamples: resamples)
      }
      return bootstrapCodes(codes, values: values, seed: seed, resamples: resamples)
    }
    var pairs: [(numerator: Double, denominator: Double)] = []
    for index in numerators.indices where include(index) {
      pairs.append((Double(numerators[index]), Double(denominators[index])))
    }
    return bootstrapRatio(pairs, seed: seed, resamples: resamples)
  }

  // Inlined so each call site gets a loop specialised to its code type.
  @inline(__always)
  private static func bootstrapCodes<Code: FixedWidthInteger>(
    _ codes: [Code], values: [(numerator: Int, denominator: Int)], seed: UInt64, resamples: Int
  ) -> ConfidenceInterval {
    guard !codes.isEmpty, resamples > 0 else { return ConfidenceInterval(low: .nan, high: .nan) }
    var generator = Xoshiro256(seed: seed)
    var statistics = [Double]()
    statistics.reserveCapacity(resamples)
    let count = codes.count
    let numerators = values.map(\.numerator)
    let denominators = values.map(\.denominator)
    codes.withUnsafeBufferPointer { codes in
      numerators.withUnsafeBufferPointer { numerators in
        denominators.withUnsafeBufferPointer { denominators in
          for _ in 0..<resamples {
            var numerator = 0
            var denominator = 0
            for _ in 0..<count {
              let code = Int(codes[generator.uniform(below: count)])
              numerator &+= numerators[code]
              denominator &+= denominators[code]
            }
            statistics.append(Double(numerator) / Double(denominator))
          }
        }
      }
    }
    return percentileInterval(&statistics, resamples: resamples)
  }

  /// The 2.5th and 97.5th percentile of the resampled ratios.
  static func percentileInterval(_ statistics: inout [Double], resamples: Int) -> ConfidenceInterval {
    // NaN (an infinite NLL minus an infinite one) sorts last instead of breaking the order.
    statistics.sort { $0 < $1 || (!$0.isNaN && $1.isNaN) }
    let lowIndex = Int((0.025 * Double(resamples)).rounded(.down))
    let highIndex = max(lowIndex, Int((0.975 * Double(resamples)).rounded(.up)) - 1)
    return ConfidenceInterval(low: statistics[lowIndex], high: statistics[min(highIndex, resamples - 1)])
  }
}
